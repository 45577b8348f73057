#!/usr/bin/env -S node --max-semi-space-size=64
// The flag gives V8 a young generation large enough for the engine's per-swap garbage: shorter and
// rarer scavenges, which are the engine's latency tail (docs/decisions/0010-engine-young-generation.md).
// `marketnode`: the node's one command-line tool. The sources are TypeScript run through tsx (as
// everywhere in this repository, docs/decisions/0001-toolchain.md), registered here.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));

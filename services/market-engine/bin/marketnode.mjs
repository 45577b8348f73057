#!/usr/bin/env node
// `marketnode`: the node's one command-line tool. The sources are TypeScript run through tsx (as
// everywhere in this repository, docs/decisions/0001-toolchain.md), registered here.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));

/**
 * `npm run bench:replay`: how fast the log is read back, three ways over the same log in the same
 * run, in entries per second and as ratios to the first:
 *
 *   raw scan-and-decode   every entry read (validated, chained) and its body decoded: the floor
 *                         any consumer of the log pays;
 *   projection rebuild    the ledger's projections built from scratch into a fresh LMDB store
 *                         (`rebuildProjections`: decode, apply the events, durable commits);
 *   full re-execution     `replayLog`: every command re-executed by the core, events compared,
 *                         every block's state hash recomputed.
 *
 * Target (issue 5): the projection rebuild at no less than half the raw scan rate. A benchmark:
 * it prints, never asserts (exit 1 only when it could not measure).
 *
 * The log is built with the real engine (BENCH_REPLAY_SWAPS swaps, default 40,000), or reused:
 * BENCH_REPLAY_LOG=<engine data dir> with BENCH_REPLAY_GENESIS=<its genesis file>.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeLogBody } from '@marketnode/events';
import { rebuildProjections } from '@marketnode/ledger';
import { replayLog } from '@marketnode/log-audit';
import { openLogReader, type LogReader } from '@marketnode/log-store';
import type { NodeGenesis } from '@marketnode/node-state';
import { readGenesisFile } from '../services/market-engine/src/genesis/genesis-file.js';
import { buildBenchLog, writeBenchGenesis } from './replay/build-log.js';

const SWAPS_DEFAULT = 40_000;
/** Each measurement runs this many times; the best run counts (the machine is shared and noisy). */
const ROUNDS = 3;

interface Measured {
  readonly name: string;
  readonly entriesPerSecond: number;
}

async function entriesPerSecond(run: () => Promise<number>): Promise<number> {
  const started = process.hrtime.bigint();
  const entries = await run();
  return entries / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** The rounds interleave the paths, so a noisy moment of the machine does not favour one of them. */
async function measureInterleaved(paths: readonly Path[]): Promise<Measured[]> {
  const best = paths.map(() => 0);
  for (let round = 0; round < ROUNDS; round += 1)
    for (const [index, path] of paths.entries())
      best[index] = Math.max(best[index] ?? 0, await entriesPerSecond(path.run));
  return paths.map((path, index) => ({ name: path.name, entriesPerSecond: best[index] ?? 0 }));
}

interface Path {
  readonly name: string;
  readonly run: () => Promise<number>;
}

async function scanAndDecode(reader: LogReader): Promise<number> {
  let entries = 0;
  for (const entry of reader.readRange(1n)) {
    decodeLogBody(entry.body);
    entries += 1;
  }
  return entries;
}

async function rebuild(reader: LogReader, genesis: NodeGenesis, workDir: string): Promise<number> {
  const path = mkdtempSync(join(workDir, 'rebuild-'));
  const store = await rebuildProjections({ reader, genesis, path });
  const entries = Number(store.lastSeq);
  await store.close();
  rmSync(path, { recursive: true, force: true });
  return entries;
}

async function reexecute(reader: LogReader, genesis: NodeGenesis): Promise<number> {
  const verdict = await replayLog({ reader, genesis });
  if (!verdict.ok) throw new Error(`the log does not replay at seq ${verdict.seq}: ${verdict.detail}`);
  return verdict.entriesReplayed;
}

async function main(): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'bench-replay-'));
  try {
    let logPath = process.env['BENCH_REPLAY_LOG'];
    let genesisPath = process.env['BENCH_REPLAY_GENESIS'];
    if (logPath === undefined || genesisPath === undefined) {
      const swaps = Number(process.env['BENCH_REPLAY_SWAPS'] ?? SWAPS_DEFAULT);
      genesisPath = writeBenchGenesis(workDir);
      logPath = join(workDir, 'engine');
      console.log(`bench:replay: building a log with the real engine (${swaps} swaps) ...`);
      await buildBenchLog({ dataDir: logPath, genesisPath, swaps });
    }
    const { genesis } = readGenesisFile(genesisPath);
    const reader = openLogReader({ path: logPath });
    try {
      const entries = reader.lastEntry()?.seq ?? 0n;
      console.log(`bench:replay: ${entries} entries; each measurement best of ${ROUNDS}`);
      const results = await measureInterleaved([
        { name: 'raw scan-and-decode', run: () => scanAndDecode(reader) },
        { name: 'projection rebuild', run: () => rebuild(reader, genesis, workDir) },
        { name: 'full re-execution', run: () => reexecute(reader, genesis) },
      ]);
      report(results);
    } finally {
      await reader.close();
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

function report(results: readonly Measured[]): void {
  const raw = results[0]?.entriesPerSecond ?? 1;
  console.log('');
  console.log('| path                | entries/s | vs raw scan |');
  console.log('| ------------------- | --------- | ----------- |');
  for (const { name, entriesPerSecond } of results)
    console.log(
      `| ${name.padEnd(19)} | ${Math.round(entriesPerSecond).toLocaleString('en-US').padStart(9)} | ${(entriesPerSecond / raw).toFixed(2).padStart(10)}x |`,
    );
  const rebuildRatio = (results[1]?.entriesPerSecond ?? 0) / raw;
  console.log('');
  console.log(
    `target: projection rebuild >= 0.50x the raw scan: ${rebuildRatio >= 0.5 ? 'met' : 'NOT met'} (${rebuildRatio.toFixed(2)}x)`,
  );
}

main().catch((error: unknown) => {
  console.error(`bench:replay could not measure: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});

/**
 * `npm run bench:paths`: the CPU the engine's own code spends per swap on each of its two threads,
 * on one core, without nats.js, nats-server or a load generator beside it:
 *
 * - **engine path** (the event loop's share): the request read from its bytes and checked, the batch
 *   applied (the decider, the events, the log body, the reply), as bench:alloc's engine path;
 * - **append path** (the append thread's share, per entry): the batch chained (envelopes and their
 *   SHA-256 seals), then written in one durable LMDB transaction (the fencing checks, the puts, the
 *   commit with its fdatasync), the very functions the append thread runs, on real swap entries, in
 *   a log in a temporary folder; at 100 and at 1,000 entries a batch.
 *
 * Beside them, the swap handler alone (`executeSwap`, bench:core's stream) as the yardstick measured
 * in the same run: the engine path is printed as a multiple of it.
 *
 * Why: bench:engine's rates move by 10-20% between runs on this shared machine, more than most single
 * changes to the engine; these figures move by about 5%. Each is the best of several passes (the
 * least disturbed); the append path's CPU is split into user and system time (the commit's writes and
 * syncs are the kernel's). The npm script runs it on one core with the engine's young generation
 * (`--max-semi-space-size=64`, decision 0010): with Node's default the engine path landed at either
 * 3.5 or 4.3 times the swap handler from one run to the next.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashGenesis, openLogWriter, type NewEntry } from '@marketnode/log-store';
import { executeSwap } from '@marketnode/market';
import { appendChainedBatch, type Tip } from '../libs/log-store/src/chained-batch.js';
import { openLogEnvironment } from '../libs/log-store/src/lmdb-environment.js';
import { freshMarket, makeRequests, REQUESTS_COUNT } from './core/swap-workload.js';
import { prepareEnginePath } from './engine-path.js';

const PASSES = 8;
const ENGINE_SWAPS = 25_000;
const ENGINE_BATCH_SWAPS = 100;
const APPEND_ENTRIES = 25_000;
const APPEND_BATCH_SIZES = [100, 1_000] as const;

interface CpuTime {
  readonly userUs: number;
  readonly systemUs: number;
  readonly totalUs: number;
}

/** A path timed pass by pass: `pass(index)` runs pass `index` over `units` swaps or entries. */
interface TimedPath {
  readonly label: string;
  readonly units: number;
  readonly pass: (index: number) => void;
}

function timePass(path: TimedPath, index: number): CpuTime {
  const before = process.cpuUsage();
  path.pass(index);
  const used = process.cpuUsage(before);
  return {
    userUs: used.user / path.units,
    systemUs: used.system / path.units,
    totalUs: (used.user + used.system) / path.units,
  };
}

/**
 * Runs the paths in rounds, one pass of each a round, so a slow spell of the machine (they last
 * seconds here, and move every figure by up to a fifth) weighs on every path alike; each path's
 * least disturbed pass counts.
 */
function timeInRounds(paths: readonly TimedPath[]): { label: string; best: CpuTime }[] {
  const rounds = Array.from({ length: PASSES }, (_, index) => paths.map((path) => timePass(path, index)));
  return paths.map((path, p) => ({
    label: path.label,
    best: rounds.map((round) => round[p] as CpuTime).reduce((a, b) => (b.totalUs < a.totalUs ? b : a)),
  }));
}

function swapHandler(): TimedPath {
  const requests = makeRequests(REQUESTS_COUNT);
  const ctx = freshMarket();
  return {
    label: 'swap handler (executeSwap), the yardstick',
    units: REQUESTS_COUNT,
    pass: () => {
      for (const request of requests) executeSwap(ctx, request);
    },
  };
}

/** The engine path, and the log entries it made (the append path's input, made before timing). */
function enginePath(): { path: TimedPath; entries: NewEntry[] } {
  const entries: NewEntry[] = [];
  const run = prepareEnginePath(
    { swapsPerPass: ENGINE_SWAPS, passes: PASSES + 1, batchSwaps: ENGINE_BATCH_SWAPS },
    (batch) => {
      if (entries.length < APPEND_ENTRIES) entries.push(...batch);
    },
  );
  run(PASSES);
  return {
    path: { label: `engine path, ${ENGINE_BATCH_SWAPS} swaps a batch`, units: ENGINE_SWAPS, pass: run },
    entries,
  };
}

interface AppendLog {
  readonly path: TimedPath;
  readonly close: () => Promise<void>;
}

/** The append thread's append (`appendChainedBatch`) on `batchSize` entries a batch, in a fresh log. */
function appendPath(entries: readonly NewEntry[], batchSize: number): AppendLog {
  const folder = mkdtempSync(join(tmpdir(), 'bench-paths-'));
  const writer = openLogWriter({ path: folder, genesisHash: hashGenesis(Buffer.from('bench:paths')) });
  const { handOver } = writer.handOverAppends();
  const env = openLogEnvironment({ path: folder, readOnly: false });
  let tip: Tip = handOver.tip;
  const count = entries.length - (entries.length % batchSize);
  const pass = (): void => {
    for (let start = 0; start < count; start += batchSize) {
      tip = appendChainedBatch(env, {
        epoch: handOver.epoch,
        tip,
        newEntries: entries.slice(start, start + batchSize),
        snapshotBytes: undefined,
        snapshotsRetained: handOver.snapshotsRetained,
      }).tip;
    }
  };
  return {
    path: { label: `append path, ${batchSize} entries a batch`, units: count, pass },
    close: async () => {
      await env.root.close();
      await writer.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  console.log(`bench:paths: CPU per swap on one core, ${PASSES} rounds ...`);
  const engine = enginePath();
  if (engine.entries.length < APPEND_ENTRIES)
    throw new Error(`bench:paths: the engine path logged ${engine.entries.length} entries`);
  const appends = APPEND_BATCH_SIZES.map((size) => appendPath(engine.entries, size));
  try {
    const results = timeInRounds([swapHandler(), engine.path, ...appends.map((append) => append.path)]);
    const yardstickUs = (results[0] as { best: CpuTime }).best.totalUs;
    const rows = results.map(({ label, best }) => [
      label,
      best.totalUs.toFixed(2),
      best.userUs.toFixed(2),
      best.systemUs.toFixed(2),
      `${(best.totalUs / yardstickUs).toFixed(2)}x`,
    ]);
    const header = ['path', 'us/swap', 'user', 'system', 'against the yardstick'];
    const widths = header.map((title, i) =>
      Math.max(title.length, ...rows.map((row) => (row[i] as string).length)),
    );
    const line = (cells: readonly string[]) =>
      `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join(' | ')} |`;
    console.log('');
    console.log(line(header));
    console.log(line(widths.map((width) => '-'.repeat(width))));
    for (const row of rows) console.log(line(row));
  } finally {
    for (const append of appends) await append.close();
  }
}

try {
  await main();
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}

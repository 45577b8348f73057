/**
 * `npm run bench:alloc`: the bytes the JavaScript heap allocates per swap, on two paths:
 *
 * - **swap handler**: `executeSwap` over bench:core's request stream (pricing, fee, pool, bank);
 * - **engine path**: what the engine's event loop does for a swap outside nats.js: the request read
 *   from its bytes and checked, the batch applied (the decider, the events, the log body, the reply),
 *   the reply handed over. The demo genesis, two traders, 100 swaps a batch, as bench:engine sends.
 *
 * Allocation drives the engine's young-generation collections, and so its latency tail. Unlike a
 * rate, the count hardly depends on how busy the machine is: runs of one build agree within about
 * 2% (the JIT's and the collector's own decisions move it a little), where rates here move by 20%.
 *
 * How: each path runs in a child node with `--trace-gc-nvp` and 16 MiB semi-spaces; after two warm-up
 * passes the child forces a collection, prints a marker, runs the measured pass, forces another
 * collection and prints the end marker. V8 reports the bytes allocated since the previous collection
 * at each one; their sum between the markers is the pass's allocation.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { executeSwap } from '@marketnode/market';
import { freshMarket, makeRequests, REQUESTS_COUNT } from './core/swap-workload.js';
import { prepareEnginePath } from './engine-path.js';
const WORKLOAD_ENV = 'BENCH_ALLOC_WORKLOAD';
const MEASURED_MARK = 'bench:alloc measured pass begins';
const END_MARK = 'bench:alloc measured pass ends';
const ENGINE_SWAPS = 50_000;
const ENGINE_BATCH_SWAPS = 100;
/** Two warm-up passes and the measured one. */
const PASSES = 3;
const CHILD_FLAGS = ['--expose-gc', '--max-semi-space-size=16', '--min-semi-space-size=16', '--trace-gc-nvp'];
const CHILD_TIMEOUT_MS = 120_000;

interface Workload {
  readonly label: string;
  readonly swaps: number;
  /** Runs pass 0 or 1 (warm-up) or 2 (measured); each pass sends swaps the others did not. */
  readonly prepare: () => (pass: number) => void;
}

const WORKLOADS: Readonly<Record<string, Workload>> = {
  core: {
    label: 'swap handler (executeSwap)',
    swaps: REQUESTS_COUNT,
    prepare() {
      const requests = makeRequests(REQUESTS_COUNT);
      const ctx = freshMarket();
      return () => {
        for (const request of requests) executeSwap(ctx, request);
      };
    },
  },
  engine: {
    label: 'engine path (request bytes to reply bytes)',
    swaps: ENGINE_SWAPS,
    prepare: () =>
      prepareEnginePath({ swapsPerPass: ENGINE_SWAPS, passes: PASSES, batchSwaps: ENGINE_BATCH_SWAPS }),
  },
};

/** In the child: warm up, then the measured pass between markers, each closed by a collection. */
function runChild(workload: Workload): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('bench:alloc: the child needs --expose-gc');
  const run = workload.prepare();
  // Two passes let the JIT settle (on a busy machine its background compiles finish later).
  run(0);
  run(1);
  gc();
  console.log(MEASURED_MARK);
  run(2);
  gc();
  console.log(END_MARK);
}

/** Sums V8's `allocated=` over the collections printed between the markers. */
export function allocatedBetweenMarks(output: string): number | undefined {
  let measuring = false;
  let ended = false;
  let bytes = 0;
  for (const line of output.split('\n')) {
    if (line.includes(MEASURED_MARK)) measuring = true;
    else if (line.includes(END_MARK)) {
      ended = measuring;
      break;
    } else if (measuring) {
      const allocated = /\ballocated=(\d+)/.exec(line);
      if (allocated !== null) bytes += Number(allocated[1]);
    }
  }
  return ended ? bytes : undefined;
}

function measure(name: string, workload: Workload): number {
  const child = spawnSync(
    process.execPath,
    [...CHILD_FLAGS, '--import', 'tsx', fileURLToPath(import.meta.url)],
    {
      env: { ...process.env, [WORKLOAD_ENV]: name },
      encoding: 'utf8',
      timeout: CHILD_TIMEOUT_MS,
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  const bytes = child.status === 0 ? allocatedBetweenMarks(child.stdout) : undefined;
  if (bytes === undefined)
    throw new Error(
      `bench:alloc: the ${name} child failed (status ${child.status}, signal ${child.signal}):\n${child.stderr.slice(-2000)}`,
    );
  return bytes / workload.swaps;
}

function main(): void {
  console.log('bench:alloc: bytes allocated per swap on the JavaScript heap (V8, 16 MiB semi-spaces)');
  const rows = Object.entries(WORKLOADS).map(([name, workload]) => {
    const perSwap = measure(name, workload);
    return [`${workload.label}, ${workload.swaps.toLocaleString('en')} swaps`, perSwap] as const;
  });
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`\n| ${'path'.padEnd(width)} | bytes/swap |`);
  console.log(`| ${'-'.repeat(width)} | ---------- |`);
  for (const [label, perSwap] of rows)
    console.log(`| ${label.padEnd(width)} | ${Math.round(perSwap).toLocaleString('en').padStart(10)} |`);
}

const childWorkload = process.env[WORKLOAD_ENV];
if (childWorkload === undefined) {
  try {
    main();
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
} else {
  const workload = WORKLOADS[childWorkload];
  if (workload === undefined) throw new Error(`bench:alloc: no workload ${childWorkload}`);
  runChild(workload);
}

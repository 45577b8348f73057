/**
 * `npm run bench:window`: what the idempotency window costs a swap (one lookup that misses and one
 * record) while it fills, and once it is full and every record evicts the oldest request, on one
 * core. The two should cost about the same: a full window of a million requests once cost over a
 * hundred times a filling one, because evicting from a `Map` walked every slot deleted since its
 * last rehash (decision 0014). No engine run lasts long enough to fill the window; this does.
 */
import {
  OUTCOMES_RETAINED_MAX,
  OutcomeIndex,
  type RecordedRequests,
  type RequestKey,
} from '../services/market-engine/src/engine/outcome-index.js';

const TRADERS_COUNT = 64;
/** Swaps timed past the point where the window is full. */
const FULL_SWAPS = 500_000;
/** The full-window cost may exceed the filling cost by this much before the bench calls it a cliff. */
const CLIFF_RATIO = 3;

/** Request ids as the load generator sends them: a run tag and fixed-width base-36 digits. */
function requestId(index: number): string {
  return `bench-window-${index.toString(36).padStart(8, '0')}`;
}

const traders = Array.from({ length: TRADERS_COUNT }, (_, i) => `terra1window${String(i).padStart(26, '0')}`);

/** Every lookup here is a miss; a hash collision reads this, which never matches. */
const recorded: RecordedRequests = {
  requestAt: (): RequestKey => ({ trader: '', requestId: '' }),
};

/** Sends swaps `from` to `to` (exclusive) through the index; returns the nanoseconds per swap. */
function timeSwaps(index: OutcomeIndex, from: number, to: number): number {
  const ids = Array.from({ length: to - from }, (_, i) => requestId(from + i));
  const started = process.hrtime.bigint();
  for (let i = from; i < to; i += 1) {
    const trader = traders[i % TRADERS_COUNT] as string;
    const id = ids[i - from] as string;
    if (index.find(trader, id, recorded) !== undefined) throw new Error(`bench:window: ${id} was found`);
    index.record(trader, id, BigInt(i + 1));
  }
  return Number(process.hrtime.bigint() - started) / (to - from);
}

function main(): void {
  const index = new OutcomeIndex();
  console.log(
    `bench:window: filling a window of ${OUTCOMES_RETAINED_MAX.toLocaleString('en-US')} requests ...`,
  );
  const fillingNs = timeSwaps(index, 0, OUTCOMES_RETAINED_MAX);
  if (index.size !== OUTCOMES_RETAINED_MAX) throw new Error(`bench:window: the window holds ${index.size}`);
  console.log(`bench:window: ${FULL_SWAPS.toLocaleString('en-US')} more, each evicting the oldest ...`);
  const fullNs = timeSwaps(index, OUTCOMES_RETAINED_MAX, OUTCOMES_RETAINED_MAX + FULL_SWAPS);
  if (index.size !== OUTCOMES_RETAINED_MAX) throw new Error(`bench:window: the window holds ${index.size}`);
  const ratio = fullNs / fillingNs;
  console.log('');
  console.log('| the idempotency window, one lookup and one record a swap | ns/swap |');
  console.log('| -------------------------------------------------------- | ------- |');
  console.log(
    `| while it fills                                           | ${fillingNs.toFixed(0).padStart(7)} |`,
  );
  console.log(
    `| full, each record evicting the oldest                    | ${fullNs.toFixed(0).padStart(7)} |`,
  );
  console.log('');
  const verdict = ratio <= CLIFF_RATIO ? 'no cliff' : 'A CLIFF';
  console.log(`full / filling: ${ratio.toFixed(2)} (${verdict}: at most ${CLIFF_RATIO} expected)`);
  if (ratio > CLIFF_RATIO) process.exitCode = 1;
}

main();

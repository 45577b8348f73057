/**
 * Open loop: swaps sent at a fixed rate whatever the answers do (the way independent traders arrive),
 * paced by a 1 ms timer that sends every swap whose time has come. Latency runs from the swap's
 * SCHEDULED send time, so a stall of the sender or the engine counts against every swap it delayed
 * (no coordinated omission). Swaps scheduled in the warm-up are not counted; those scheduled in the
 * window are all awaited (each is answered or times out).
 */
import type { SharedInboxRequester } from '@marketnode/nats-kit';
import { ReplyTally, swapSender } from './reply-tally.js';

const PACER_TICK_MS = 1;

export interface OpenLoopOptions {
  readonly requester: SharedInboxRequester;
  readonly runTag: string;
  readonly ratePerSecond: number;
  readonly warmupMs: number;
  readonly measureMs: number;
}

export interface OpenLoopResult {
  readonly tally: ReplyTally;
  readonly ratePerSecond: number;
  /** Answered swaps of the window over the window's length: equals the rate if the engine kept up. */
  readonly answeredPerSecond: number;
  /** How late the pacer sent its latest swap (the sender's own stalls). */
  readonly pacerLagMaxMs: number;
  /** The most swaps outstanding at once. */
  readonly inFlightMax: number;
}

export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const send = swapSender(options.requester, options.runTag);
  const tally = new ReplyTally();
  // performance.now() is a double (no bigint allocated per reply); its sub-microsecond resolution
  // is far below the latencies measured.
  const origin = performance.now();
  const nowNs = () => (performance.now() - origin) * 1e6;
  const intervalNs = 1e9 / options.ratePerSecond;
  const windowFirst = Math.ceil((options.warmupMs * 1e6) / intervalNs);
  const end = windowFirst + Math.round((options.measureMs * 1e6) / intervalNs);
  const state = { next: 0, outstanding: 0, inFlightMax: 0, lagMaxNs: 0 };
  let allAnswered: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (allAnswered = resolve));
  const dispatch = (index: number, scheduledNs: number): void => {
    state.outstanding++;
    state.inFlightMax = Math.max(state.inFlightMax, state.outstanding);
    void send(index).then(({ data }) => {
      state.outstanding--;
      if (index >= windowFirst) {
        if (data === undefined) tally.failure();
        else tally.reply(data, nowNs() - scheduledNs);
      }
      if (state.next === end && state.outstanding === 0) allAnswered();
    });
  };
  const pacer = setInterval(() => {
    const now = nowNs();
    const due = Math.min(end, Math.floor(now / intervalNs) + 1);
    while (state.next < due) {
      const scheduledNs = state.next * intervalNs;
      if (state.next >= windowFirst) state.lagMaxNs = Math.max(state.lagMaxNs, now - scheduledNs);
      dispatch(state.next++, scheduledNs);
    }
    if (state.next === end) clearInterval(pacer);
  }, PACER_TICK_MS);
  await finished;
  const measureSeconds = ((end - windowFirst) * intervalNs) / 1e9;
  return {
    tally,
    ratePerSecond: options.ratePerSecond,
    answeredPerSecond: tally.answered / measureSeconds,
    pacerLagMaxMs: state.lagMaxNs / 1e6,
    inFlightMax: state.inFlightMax,
  };
}

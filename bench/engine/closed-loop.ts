/**
 * Closed loop: `inFlight` swaps outstanding at all times (each answer sends the next), a warm-up
 * that is not counted, then a measured window. Throughput is the swaps answered (ok + rejected)
 * inside the window over its length; latency is from send to answer.
 */
import type { SharedInboxRequester } from '@marketnode/nats-kit';
import { ReplyTally, swapSender } from './reply-tally.js';

export interface ClosedLoopOptions {
  readonly requester: SharedInboxRequester;
  readonly runTag: string;
  readonly inFlight: number;
  readonly warmupMs: number;
  readonly measureMs: number;
  /** Called as the measured window opens and as it closes (CPU readings). */
  readonly onWindow?: (edge: 'start' | 'end') => void;
}

export interface ClosedLoopResult {
  readonly tally: ReplyTally;
  readonly elapsedMs: number;
  readonly swapsPerSecond: number;
  readonly sent: number;
}

export async function runClosedLoop(options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const send = swapSender(options.requester, options.runTag);
  const tally = new ReplyTally();
  const clock = { measuring: false, running: true, next: 0, windowStartNs: 0n };
  const worker = async (): Promise<void> => {
    while (clock.running) {
      const { data, sentMs } = await send(clock.next++);
      // Answers that arrive inside the window count, whenever their swap was sent.
      if (!clock.measuring) continue;
      if (data === undefined) tally.failure();
      else tally.reply(data, (performance.now() - sentMs) * 1e6);
    }
  };
  const workers = Array.from({ length: options.inFlight }, worker);
  await sleep(options.warmupMs);
  options.onWindow?.('start');
  clock.windowStartNs = process.hrtime.bigint();
  clock.measuring = true;
  await sleep(options.measureMs);
  clock.measuring = false;
  options.onWindow?.('end');
  const elapsedMs = Number(process.hrtime.bigint() - clock.windowStartNs) / 1e6;
  clock.running = false;
  // Each worker ends within one request timeout: its swap is answered or times out.
  await Promise.all(workers);
  return { tally, elapsedMs, swapsPerSecond: (tally.answered * 1000) / elapsedMs, sent: clock.next };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * What came back during a measured window: ok swaps and business rejections (both applied and
 * logged by the engine), busy refusals (nothing applied, not counted as either) and transport
 * failures (timeouts, no responders), with the rejection codes seen.
 */
import type { SharedInboxRequester } from '@marketnode/nats-kit';
import { LatencyRecorder } from './latency-recorder.js';
import { classifyReply, SwapRequestStream } from './swap-stream.js';

export class ReplyTally {
  ok = 0;
  rejected = 0;
  busy = 0;
  failures = 0;
  readonly rejectionCodes = new Map<string, number>();
  readonly latencies = new LatencyRecorder();
  private readonly countRejection = (code: string): void => {
    this.rejectionCodes.set(code, (this.rejectionCodes.get(code) ?? 0) + 1);
  };

  /** Swaps the engine applied and answered: ok or rejected (not busy, not failed). */
  get answered(): number {
    return this.ok + this.rejected;
  }

  /** Counts one reply; the latency is kept for swaps the engine answered (ok or rejected). */
  reply(data: Uint8Array, latencyNs: number): void {
    const kind = classifyReply(data, this.countRejection);
    if (kind === 'busy') {
      this.busy++;
      return;
    }
    if (kind === 'ok') this.ok++;
    else this.rejected++;
    this.latencies.record(latencyNs);
  }

  failure(): void {
    this.failures++;
  }
}

/**
 * Sends swap number `index` and resolves once it is answered or failed; never rejects. `sentMs` is
 * `performance.now()` at the send: a double, where `process.hrtime.bigint()` allocated two bigints a
 * swap in a load generator that shares the engine's cores.
 */
export type SendSwap = (index: number) => Promise<{ data?: Uint8Array; sentMs: number }>;

export function swapSender(requester: SharedInboxRequester, runTag: string): SendSwap {
  const requests = new SwapRequestStream(runTag);
  return async (index) => {
    const { subject, data } = requests.request(index);
    const sentMs = performance.now();
    try {
      const msg = await requester.request(subject, data);
      return { data: msg.data, sentMs };
    } catch {
      return { sentMs };
    }
  };
}

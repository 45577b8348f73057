/**
 * Idempotent swaps: the outcome of every swap request, by trader and request id, so a retry is
 * answered with the original outcome instead of being applied twice. Rebuilt from the log on start,
 * so it is as durable as the log. Bounded: the most recent `OUTCOMES_RETAINED_MAX` requests are
 * kept (oldest first out, in log order, so the window is the same after every restart); a retry of
 * a request older than that is applied again (docs/protocol.md).
 */
import type { SwapExecuted, SwapRejected } from '@marketnode/events';

export const OUTCOMES_RETAINED_MAX = 1_000_000;

export type SwapOutcomeEvent = SwapExecuted | SwapRejected;

export class OutcomeIndex {
  private readonly outcomes = new Map<string, SwapOutcomeEvent>();

  constructor(private readonly retainedMax = OUTCOMES_RETAINED_MAX) {}

  get size(): number {
    return this.outcomes.size;
  }

  find(trader: string, requestId: string): SwapOutcomeEvent | undefined {
    return this.outcomes.get(key(trader, requestId));
  }

  record(event: SwapOutcomeEvent): void {
    this.outcomes.set(key(event.trader, event.requestId), event);
    if (this.outcomes.size > this.retainedMax) {
      const oldest = this.outcomes.keys().next().value;
      if (oldest !== undefined) this.outcomes.delete(oldest);
    }
  }
}

/** Identities and request ids never contain a NUL, so the pair is unambiguous. */
function key(trader: string, requestId: string): string {
  return `${trader}\u0000${requestId}`;
}

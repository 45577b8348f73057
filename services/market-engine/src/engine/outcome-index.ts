/**
 * Idempotent swaps: the outcome of every swap request, by trader and request id, so a retry is
 * answered with the original outcome instead of being applied twice. Rebuilt from the log on start,
 * so it is as durable as the log. Bounded: the most recent `OUTCOMES_RETAINED_MAX` requests are
 * kept (oldest first out, in log order, so the window is the same after every restart); a retry of
 * a request older than that is applied again (docs/protocol.md).
 *
 * The live engine keeps each outcome as the reply bytes it sent: a retry gets those very bytes, and a
 * million retained outcomes stay out of the garbage collector's way (byte arrays are not traced,
 * event objects are; with objects, major collections grew with the window and slowed every batch).
 * Recovery records the decoded events instead; their reply is encoded on the rare retry.
 */
import type { SwapExecuted, SwapRejected } from '@marketnode/events';

export const OUTCOMES_RETAINED_MAX = 1_000_000;

export type SwapOutcomeEvent = SwapExecuted | SwapRejected;

/** The reply bytes sent for the request, or (after recovery) its outcome event. */
export type StoredOutcome = Uint8Array | SwapOutcomeEvent;

export class OutcomeIndex {
  private readonly outcomes = new Map<string, StoredOutcome>();

  constructor(private readonly retainedMax = OUTCOMES_RETAINED_MAX) {}

  get size(): number {
    return this.outcomes.size;
  }

  find(trader: string, requestId: string): StoredOutcome | undefined {
    return this.outcomes.get(key(trader, requestId));
  }

  record(trader: string, requestId: string, outcome: StoredOutcome): void {
    this.outcomes.set(key(trader, requestId), outcome);
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

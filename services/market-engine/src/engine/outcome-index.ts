/**
 * Idempotent swaps: where the outcome of every swap request is in the log, by trader and request id,
 * so a retry is answered with the original outcome instead of being applied twice. Rebuilt from the
 * log on start, so it is as durable as the log. Bounded: the most recent `OUTCOMES_RETAINED_MAX`
 * requests are kept (oldest first out, in log order, so the window is the same after every restart);
 * a retry of a request older than that is applied again (docs/protocol.md).
 *
 * The index holds only the seq of the entry that recorded the outcome, a small integer: a retry, which
 * is rare, reads that entry back from the log and answers with the reply its event encodes to, the
 * very bytes first sent. Keeping the reply bytes themselves (about 600 bytes a swap) made a million
 * retained outcomes over half a gigabyte of heap, and every major collection paused the engine for
 * longer as the window filled (docs/decisions/0004-engine-loop.md).
 */
import { decodeLogBody, type SwapExecuted, type SwapRejected } from '@marketnode/events';
import type { LogReader } from '@marketnode/log-store';

export const OUTCOMES_RETAINED_MAX = 1_000_000;

export type SwapOutcomeEvent = SwapExecuted | SwapRejected;

export class OutcomeIndex {
  /** Request key -> seq of its entry; a Number (seqs stay far below 2^53) so no value is allocated. */
  private readonly seqs = new Map<string, number>();

  constructor(private readonly retainedMax = OUTCOMES_RETAINED_MAX) {}

  get size(): number {
    return this.seqs.size;
  }

  /** The seq of the entry holding the outcome of this request, if it is in the window. */
  find(trader: string, requestId: string): bigint | undefined {
    const seq = this.seqs.get(key(trader, requestId));
    return seq === undefined ? undefined : BigInt(seq);
  }

  record(trader: string, requestId: string, seq: bigint): void {
    if (seq > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`assertion failed: seq ${seq} exceeds 2^53`);
    this.seqs.set(key(trader, requestId), Number(seq));
    if (this.seqs.size > this.retainedMax) {
      const oldest = this.seqs.keys().next().value;
      if (oldest !== undefined) this.seqs.delete(oldest);
    }
  }
}

/** Identities and request ids never contain a NUL, so the pair is unambiguous. */
function key(trader: string, requestId: string): string {
  return `${trader}\u0000${requestId}`;
}

/**
 * The outcome recorded at `seq`, read back from the log. The entry must be there and be a swap's:
 * the index only names entries the engine itself appended, and a retry is answered only after its
 * own batch, which follows the original's, is durable.
 */
export function loggedSwapOutcome(log: LogReader, seq: bigint): SwapOutcomeEvent {
  const entry = log.entryAt(seq);
  if (entry === undefined)
    throw new Error(`assertion failed: the outcome index names seq ${seq}, not in the log`);
  const outcome = decodeLogBody(entry.body).events[0];
  if (outcome?.type !== 'SwapExecuted' && outcome?.type !== 'SwapRejected')
    throw new Error(`assertion failed: the outcome index names seq ${seq}, which is not a swap`);
  return outcome;
}

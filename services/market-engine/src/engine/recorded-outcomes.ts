/**
 * The swap outcomes the engine has recorded, by seq, wherever they are: in a batch that is applied or
 * committing but not yet durable (its entries' bodies are still in memory), else in the log. The
 * outcome index confirms a hit with it (a retry may follow its original within a batch, before
 * either is durable), and a retry is answered from it.
 */
import type { NewEntry } from '@marketnode/log-store';
import {
  swapOutcomeOfBody,
  type RecordedRequests,
  type RequestKey,
  type SwapOutcomeEvent,
} from './outcome-index.js';

interface UncommittedBatch {
  readonly firstSeq: bigint;
  /** Filled as the batch is applied; entry i has seq firstSeq + i. */
  readonly entries: readonly NewEntry[];
}

export class RecordedOutcomes implements RecordedRequests {
  /** In seq order; at most the batch being applied and those committing (APPENDS_IN_FLIGHT_MAX). */
  private readonly uncommitted: UncommittedBatch[] = [];

  /** `loggedOutcome` reads a durable entry's outcome (`loggedSwapOutcome` on the log). */
  constructor(private readonly loggedOutcome: (seq: bigint) => SwapOutcomeEvent) {}

  /** A batch is being applied: its entries, from `firstSeq`, can be read here until it is durable. */
  applying(firstSeq: bigint, entries: readonly NewEntry[]): void {
    this.uncommitted.push({ firstSeq, entries });
  }

  /** The batch that began at `firstSeq` is durable (or abandoned): read its entries from the log. */
  committed(firstSeq: bigint): void {
    const index = this.uncommitted.findIndex((batch) => batch.firstSeq === firstSeq);
    if (index >= 0) this.uncommitted.splice(index, 1);
  }

  outcomeAt(seq: bigint): SwapOutcomeEvent {
    for (const batch of this.uncommitted) {
      const offset = seq - batch.firstSeq;
      if (offset >= 0n && offset < BigInt(batch.entries.length)) {
        return swapOutcomeOfBody((batch.entries[Number(offset)] as NewEntry).body, seq);
      }
    }
    return this.loggedOutcome(seq);
  }

  requestAt(seq: bigint): RequestKey {
    return this.outcomeAt(seq);
  }
}

/**
 * Feeds log entries into the projection store: checks that each entry follows the last one applied
 * (seq + 1, prevHash = the last hash), decodes its body, applies its events, and commits a batch's
 * changes with the checkpoint in one transaction. Entries already applied (a seq at or below the
 * checkpoint, as after a catch-up overlapping a live message) are skipped.
 */
import { decodeLogBody } from '@marketnode/events';
import type { LogEntry } from '@marketnode/log-store';
import { LedgerChainBreakError } from '../errors.js';
import type { ProjectionStore } from '../store/projection-store.js';
import { applyEntry } from './apply-entry.js';
import { ProjectionChanges } from './projection-changes.js';

export interface AppliedBatch {
  readonly entriesApplied: number;
  readonly lastSeq: bigint;
}

type ChainedEntry = Pick<LogEntry, 'seq' | 'height' | 'prevHash' | 'hash' | 'body'>;

export class Projector {
  private readonly changes = new ProjectionChanges();
  private uncommittedEntries = 0;

  constructor(readonly store: ProjectionStore) {}

  /** The last entry applied (in memory; `committedSeq` is what the store's checkpoint holds). */
  get lastSeq(): bigint {
    return this.store.projection.lastSeq;
  }

  get committedSeq(): bigint {
    return this.store.lastCommittedSeq;
  }

  get uncommitted(): number {
    return this.uncommittedEntries;
  }

  /**
   * Applies one entry in memory; false when it was applied already (a seq at or below the last).
   * Throws `LedgerChainBreakError`, applying nothing, when it does not follow.
   */
  apply(entry: ChainedEntry): boolean {
    const projection = this.store.projection;
    if (entry.seq <= projection.lastSeq) return false;
    assertFollows(projection.lastSeq, projection.lastHash, entry);
    const body = decodeLogBody(entry.body);
    applyEntry(projection, { seq: entry.seq, height: entry.height, hash: entry.hash, body }, this.changes);
    this.uncommittedEntries += 1;
    return true;
  }

  /** Writes what was applied since the last commit, with the checkpoint, in one durable transaction. */
  commit(): void {
    if (this.uncommittedEntries === 0) return;
    this.store.commit(this.changes);
    this.uncommittedEntries = 0;
  }

  /** Applies the entries in order and commits them; what preceded a broken entry is committed too. */
  applyBatch(entries: Iterable<ChainedEntry>): AppliedBatch {
    let entriesApplied = 0;
    try {
      for (const entry of entries) if (this.apply(entry)) entriesApplied += 1;
    } finally {
      this.commit();
    }
    return { entriesApplied, lastSeq: this.lastSeq };
  }
}

export function assertFollows(lastSeq: bigint, lastHash: Uint8Array, entry: ChainedEntry): void {
  if (entry.seq !== lastSeq + 1n)
    throw new LedgerChainBreakError(entry.seq, `expected seq ${lastSeq + 1n} after the checkpoint`);
  if (!Buffer.from(lastHash).equals(entry.prevHash))
    throw new LedgerChainBreakError(
      entry.seq,
      `its prevHash ${Buffer.from(entry.prevHash).toString('hex')} is not the hash of entry ${lastSeq}`,
    );
}

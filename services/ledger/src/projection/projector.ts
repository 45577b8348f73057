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

  constructor(readonly store: ProjectionStore) {}

  get lastSeq(): bigint {
    return this.store.lastSeq;
  }

  /** Applies the entries in order and commits them with the checkpoint; throws before a broken link. */
  applyBatch(entries: Iterable<ChainedEntry>): AppliedBatch {
    const projection = this.store.projection;
    let entriesApplied = 0;
    try {
      for (const entry of entries) {
        if (entry.seq <= projection.lastSeq) continue;
        assertFollows(projection.lastSeq, projection.lastHash, entry);
        applyEntry(
          projection,
          { seq: entry.seq, height: entry.height, hash: entry.hash, body: decodeLogBody(entry.body) },
          this.changes,
        );
        entriesApplied += 1;
      }
    } finally {
      // What was applied before a broken entry is committed: the checkpoint names the last good one.
      if (entriesApplied > 0) this.store.commit(this.changes);
    }
    return { entriesApplied, lastSeq: projection.lastSeq };
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

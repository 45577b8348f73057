/**
 * Follows the engine's log on the same host by reading its LMDB file (a read-only opener beside
 * the writer). Reads in chunks of at most `FOLLOW_CHUNK_ENTRIES`, applies each chunk and commits it
 * with the checkpoint in one transaction; when nothing is new it waits `pollIntervalMs` (lmdb-js's
 * commit notifications do not cross processes, see libs/log-store). Each entry read is validated
 * by the log store and linked to the checkpoint by the projector.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { READ_CHUNK_ENTRIES, type LogReader } from '@marketnode/log-store';
import { LedgerChainBreakError, LedgerCheckpointAheadError } from '../errors.js';
import type { Projector } from '../projection/projector.js';

export const FOLLOW_CHUNK_ENTRIES = READ_CHUNK_ENTRIES;
export const FOLLOW_POLL_INTERVAL_MS_DEFAULT = 10;

export interface LocalFollowOptions {
  readonly reader: LogReader;
  readonly projector: Projector;
  readonly signal: AbortSignal;
  readonly pollIntervalMs?: number;
  /** After each committed chunk. */
  readonly onCommitted?: (lastSeq: bigint, entriesApplied: number) => void;
  /** The log's last seq, read before each chunk: for the lag metric. */
  readonly onLogTip?: (lastSeq: bigint) => void;
  /** Awaited before each chunk: lets the service hold the follower still while it audits. */
  readonly beforeChunk?: () => Promise<void>;
}

/** Runs until the signal aborts (resolves) or the log breaks (rejects). */
export async function followLocalLog(options: LocalFollowOptions): Promise<void> {
  const { reader, projector, signal } = options;
  assertCheckpointInLog(reader, projector);
  const pollIntervalMs = options.pollIntervalMs ?? FOLLOW_POLL_INTERVAL_MS_DEFAULT;
  while (!signal.aborted) {
    await options.beforeChunk?.();
    options.onLogTip?.(reader.lastEntry()?.seq ?? 0n);
    const from = projector.lastSeq + 1n;
    const chunk = [...reader.readRange(from, from + BigInt(FOLLOW_CHUNK_ENTRIES) - 1n)];
    if (chunk.length === 0) {
      await sleep(pollIntervalMs, undefined, { signal }).catch(() => undefined);
      continue;
    }
    const { entriesApplied, lastSeq } = projector.applyBatch(chunk);
    options.onCommitted?.(lastSeq, entriesApplied);
    // Let queries and metrics scrapes in between chunks of a long catch-up.
    await sleep(0);
  }
}

/** A checkpoint the log does not have (cut back, or another log) is refused before anything is applied. */
export function assertCheckpointInLog(reader: LogReader, projector: Projector): void {
  const seq = projector.lastSeq;
  if (seq === 0n) return;
  const entry = reader.entryAt(seq);
  if (entry === undefined) throw new LedgerCheckpointAheadError(seq, reader.lastEntry()?.seq ?? 0n);
  if (!Buffer.from(entry.hash).equals(projector.store.lastHash))
    throw new LedgerChainBreakError(
      seq,
      'the log has another entry at the checkpoint seq than the one applied',
    );
}

/**
 * Follows the log as it grows: yields every entry from `fromSeq` on, in order, validated and chained,
 * then waits for more. Used by the ledger on the same host, which reads the writer's LMDB file.
 *
 * How new entries are noticed: by polling the file every `pollIntervalMs` (default 10 ms) when the
 * last poll found nothing. lmdb-js does have commit notifications, but they are delivered within the
 * committing process only (measured: a read-only opener in another process got none), and the ledger
 * is another process. A tail on the writer's own store is also woken at once by each commit.
 */
import assert from 'node:assert/strict';
import { type ChainCursor, checkStoredEntry, cursorAfter, isChainProblem } from './chain-check.js';
import type { CommitNotifier } from './commit-notifier.js';
import type { LogEntry } from './entry-envelope.js';
import { LogCorruptError } from './errors.js';
import type { LogEnvironment } from './lmdb-environment.js';
import {
  READ_CHUNK_ENTRIES,
  SEQ_FIRST,
  TAIL_POLL_INTERVAL_MS_DEFAULT,
  TAIL_POLL_INTERVAL_MS_MAX,
  TAIL_POLL_INTERVAL_MS_MIN,
  UINT64_MAX,
} from './limits.js';
import { readStoredChunk } from './stored-range.js';

export interface TailOptions {
  /** Ends the iteration (it returns; no error) when aborted. */
  readonly signal?: AbortSignal;
  /** How long to wait before looking again when nothing new was found. */
  readonly pollIntervalMs?: number;
}

export interface TailSource {
  readonly env: LogEnvironment;
  readonly genesisHash: Uint8Array;
  readonly notifier: CommitNotifier;
  /** Aborted when the store closes: the tail ends. */
  readonly closed: AbortSignal;
}

export async function* tailEntries(
  source: TailSource,
  fromSeq: bigint,
  options: TailOptions = {},
): AsyncGenerator<LogEntry, void, undefined> {
  const pollIntervalMs = options.pollIntervalMs ?? TAIL_POLL_INTERVAL_MS_DEFAULT;
  assert.ok(
    Number.isInteger(pollIntervalMs) &&
      pollIntervalMs >= TAIL_POLL_INTERVAL_MS_MIN &&
      pollIntervalMs <= TAIL_POLL_INTERVAL_MS_MAX,
    `pollIntervalMs must be an integer in [${TAIL_POLL_INTERVAL_MS_MIN}, ${TAIL_POLL_INTERVAL_MS_MAX}]`,
  );
  assert.ok(typeof fromSeq === 'bigint' && fromSeq >= SEQ_FIRST, 'fromSeq is a bigint >= 1');
  const signals = options.signal === undefined ? [source.closed] : [source.closed, options.signal];
  const stopped = (): boolean => signals.some((signal) => signal.aborted);
  let cursor: ChainCursor = {
    seq: fromSeq,
    prevHash: fromSeq === SEQ_FIRST ? source.genesisHash : undefined,
    heightMin: 0n,
  };
  while (!stopped()) {
    // Another process's commits become visible to a fresh read transaction.
    source.env.root.resetReadTxn();
    const chunk = readStoredChunk(source.env, {
      fromSeq: cursor.seq,
      toSeq: UINT64_MAX,
      limit: READ_CHUNK_ENTRIES,
    });
    if (chunk.length === 0) {
      await source.notifier.wait(pollIntervalMs, signals);
      continue;
    }
    for (const { key, value } of chunk) {
      const result = checkStoredEntry(key, value, cursor);
      if (isChainProblem(result))
        throw new LogCorruptError(source.env.path, result.seq, result.kind, result.detail);
      cursor = cursorAfter(result);
      yield result;
      if (stopped()) return;
    }
  }
}

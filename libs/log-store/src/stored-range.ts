/**
 * Raw reads of the `entries` database in bounded chunks: each chunk is one short read transaction,
 * so a long read never pins an old snapshot (which would stop LMDB from reusing freed pages) and
 * never holds more than READ_CHUNK_ENTRIES values in memory.
 */
import type { LogEnvironment } from './lmdb-environment.js';
import { uint64Key } from './uint64-key.js';

export interface StoredEntry {
  readonly key: Buffer;
  readonly value: Buffer;
}

/** Up to `limit` stored entries with fromSeq <= key <= toSeq, in key order. */
export function readStoredChunk(
  env: LogEnvironment,
  range: { fromSeq: bigint; toSeq: bigint; limit: number },
): StoredEntry[] {
  return Array.from(
    env.entries.getRange({
      start: uint64Key(range.fromSeq),
      end: uint64Key(range.toSeq),
      inclusiveEnd: true,
      limit: range.limit,
    }),
  );
}

/** The last stored entry, whatever its key, or undefined for an empty log. */
export function readLastStored(env: LogEnvironment): StoredEntry | undefined {
  return Array.from(env.entries.getRange({ reverse: true, limit: 1 }))[0];
}

/**
 * Walks the chain and reports the FIRST entry that breaks it, and what differs: a flipped byte shows
 * as `hash-mismatch`, a dropped entry as `missing-entry`, entries swapped between keys as
 * `seq-mismatch`, an entry replaced by a validly hashed forgery as `prev-hash-mismatch` at the entry
 * after it. Reads in bounded chunks and yields to the event loop between them, so verifying a long log
 * keeps a process responsive and reports progress.
 *
 * What a hash chain cannot show on its own: entries cut off at the END (the file rolled back to an
 * earlier, self-consistent state). Compare `lastSeq`/`lastHash` with an outside record (published block
 * headers, a ledger's last seen hash) for that.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  type ChainCursor,
  type ChainProblemKind,
  checkStoredEntry,
  cursorAfter,
  isChainProblem,
} from './chain-check.js';
import type { LogEnvironment } from './lmdb-environment.js';
import { READ_CHUNK_ENTRIES, SEQ_FIRST, UINT64_MAX } from './limits.js';
import { readLastStored, readStoredChunk } from './stored-range.js';
import { uint64OfKey } from './uint64-key.js';

export interface VerifyChainOptions {
  /** First seq to verify (default 1). From the middle, the entry before it is checked on its own first. */
  readonly fromSeq?: bigint;
  /** Last seq to verify (default: the last entry when verification starts). */
  readonly toSeq?: bigint;
  /** Called after each chunk with the last verified seq. */
  readonly onProgress?: (progress: { seq: bigint; entriesVerified: number }) => void;
  /** Stops between chunks; the promise then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

export type ChainVerification =
  | {
      readonly ok: true;
      readonly entriesVerified: number;
      /** The last verified entry (fromSeq - 1 and its hash when nothing was verified). */
      readonly lastSeq: bigint;
      readonly lastHash: Uint8Array;
    }
  | {
      readonly ok: false;
      readonly entriesVerified: number;
      /** The first seq where the chain breaks. */
      readonly seq: bigint;
      readonly kind: ChainProblemKind;
      readonly detail: string;
    };

export async function verifyChain(
  env: LogEnvironment,
  genesisHash: Uint8Array,
  options: VerifyChainOptions = {},
): Promise<ChainVerification> {
  const fromSeq = options.fromSeq ?? SEQ_FIRST;
  const start = startCursor(env, genesisHash, fromSeq);
  if ('kind' in start) return { ok: false, entriesVerified: 0, ...start };
  const toSeq = options.toSeq ?? lastStoredSeq(env);
  let cursor: ChainCursor = start;
  let lastHash: Uint8Array = start.prevHash;
  let entriesVerified = 0;
  while (cursor.seq <= toSeq) {
    options.signal?.throwIfAborted();
    const chunk = readStoredChunk(env, { fromSeq: cursor.seq, toSeq, limit: READ_CHUNK_ENTRIES });
    if (chunk.length === 0) {
      const detail = `the log ends at seq ${cursor.seq - 1n}, verification was asked up to ${toSeq}`;
      return { ok: false, entriesVerified, seq: cursor.seq, kind: 'missing-entry', detail };
    }
    for (const { key, value } of chunk) {
      const result = checkStoredEntry(key, value, cursor);
      if (isChainProblem(result)) return { ok: false, entriesVerified, ...result };
      cursor = cursorAfter(result);
      lastHash = result.hash;
      entriesVerified++;
    }
    options.onProgress?.({ seq: cursor.seq - 1n, entriesVerified });
    await yieldToEventLoop();
  }
  return { ok: true, entriesVerified, lastSeq: cursor.seq - 1n, lastHash };
}

/** Where verification starts: after genesis, or after the entry before `fromSeq` (itself checked). */
function startCursor(
  env: LogEnvironment,
  genesisHash: Uint8Array,
  fromSeq: bigint,
): (ChainCursor & { prevHash: Uint8Array }) | { seq: bigint; kind: ChainProblemKind; detail: string } {
  if (fromSeq <= SEQ_FIRST) return { seq: SEQ_FIRST, prevHash: genesisHash, heightMin: 0n };
  const before = fromSeq - 1n;
  const [stored] = readStoredChunk(env, { fromSeq: before, toSeq: before, limit: 1 });
  if (stored === undefined)
    return {
      seq: before,
      kind: 'missing-entry',
      detail: `no entry at seq ${before}, the one before fromSeq`,
    };
  const result = checkStoredEntry(stored.key, stored.value, {
    seq: before,
    prevHash: undefined,
    heightMin: 0n,
  });
  if (isChainProblem(result)) return result;
  return { seq: fromSeq, prevHash: result.hash, heightMin: result.height };
}

/** The last key's seq; a malformed last key means "walk to the end", where the walk reports it. */
function lastStoredSeq(env: LogEnvironment): bigint {
  const last = readLastStored(env);
  return last === undefined ? 0n : (uint64OfKey(last.key) ?? UINT64_MAX);
}

/**
 * Checks one stored entry against where the chain says it must be. Every read path goes through here
 * (reads, tails, verification, the writer's tip), so an entry is validated when written and again each
 * time it is read back.
 */
import { NonCanonicalError } from './canonical-msgpack.js';
import { type LogEntry, decodeEntry, entryHashMatches } from './entry-envelope.js';
import { uint64OfKey } from './uint64-key.js';

/** Where the next entry must continue the chain. */
export interface ChainCursor {
  /** The seq the next entry must have. */
  readonly seq: bigint;
  /** The hash it must name as `prevHash`; undefined when the caller cannot know it (a read from the middle). */
  readonly prevHash: Uint8Array | undefined;
  /** The lowest height it may have (heights never decrease). */
  readonly heightMin: bigint;
}

export type ChainProblemKind =
  | 'missing-entry'
  | 'malformed-key'
  | 'malformed-entry'
  | 'seq-mismatch'
  | 'hash-mismatch'
  | 'prev-hash-mismatch'
  | 'height-decreased';

/** What differs, at which seq. */
export interface ChainProblem {
  readonly seq: bigint;
  readonly kind: ChainProblemKind;
  readonly detail: string;
}

export function isChainProblem(result: LogEntry | ChainProblem): result is ChainProblem {
  return 'kind' in result;
}

export function cursorAfter(entry: LogEntry): ChainCursor {
  return { seq: entry.seq + 1n, prevHash: entry.hash, heightMin: entry.height };
}

/** The entry, decoded and proven to continue the chain at `cursor`, or the first thing that differs. */
export function checkStoredEntry(
  key: Uint8Array,
  value: Uint8Array,
  cursor: ChainCursor,
): LogEntry | ChainProblem {
  const seq = cursor.seq;
  const keySeq = uint64OfKey(key);
  if (keySeq === undefined)
    return { seq, kind: 'malformed-key', detail: `a key of ${key.length} bytes (0x${hex(key)}) in entries` };
  if (keySeq !== seq)
    return { seq, kind: 'missing-entry', detail: `expected seq ${seq}, the next stored is ${keySeq}` };
  let entry: LogEntry;
  try {
    entry = decodeEntry(value);
  } catch (error) {
    if (!(error instanceof NonCanonicalError)) throw error;
    return { seq, kind: 'malformed-entry', detail: error.message };
  }
  if (entry.seq !== seq)
    return { seq, kind: 'seq-mismatch', detail: `stored under seq ${seq}, the entry says seq ${entry.seq}` };
  if (!entryHashMatches(entry))
    return {
      seq,
      kind: 'hash-mismatch',
      detail: `stored hash ${hex(entry.hash)} is not the hash of the entry`,
    };
  if (cursor.prevHash !== undefined && !sameBytes(cursor.prevHash, entry.prevHash))
    return {
      seq,
      kind: 'prev-hash-mismatch',
      detail: `prevHash ${hex(entry.prevHash)}, the previous entry's hash is ${hex(cursor.prevHash)}`,
    };
  if (entry.height < cursor.heightMin)
    return {
      seq,
      kind: 'height-decreased',
      detail: `height ${entry.height} after height ${cursor.heightMin}`,
    };
  return entry;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');
}

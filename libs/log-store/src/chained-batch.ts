/**
 * One chained batch, in the two steps every append takes, whichever thread runs them: chain the new
 * entries after the tip (seqs, envelopes, hashes), then, inside one write transaction, check that
 * this writer still holds the lock's epoch and that the log still ends at that tip, put the entries
 * with MDB_APPEND, and store the snapshot that follows them. The LogWriter runs them on the caller's
 * thread; the OffThreadAppender runs the very same functions on its own thread.
 */
import assert from 'node:assert/strict';
import { sameBytes } from './chain-check.js';
import {
  type EntryFields,
  type LogEntry,
  type NewEntry,
  assertEntryFields,
  entryEnvelopeBytes,
  writeEntry,
} from './entry-envelope.js';
import type { LogEnvironment } from './lmdb-environment.js';
import { APPEND_BATCH_BYTES_MAX, APPEND_BATCH_ENTRIES_MAX } from './limits.js';
import { type Snapshot, assertSnapshotBytes, encodeSnapshot } from './snapshot-record.js';
import { storedSealOf } from './sealed-record.js';
import { readLastStored } from './stored-range.js';
import { uint64Key, uint64OfKey } from './uint64-key.js';
import { assertWriterEpoch } from './writer-lock.js';

/** The chain's end as a writer knows it. */
export interface Tip {
  readonly seq: bigint;
  readonly hash: Uint8Array;
  readonly height: bigint;
}

/**
 * Inside a write transaction: the epoch and tip checks, the entries, the snapshot. Throws (so the
 * transaction aborts) when the writer was fenced, the tip moved, or a put was refused.
 */
export function writeChainedBatch(
  env: LogEnvironment,
  batch: {
    readonly epoch: number;
    readonly expected: Tip;
    readonly entries: readonly LogEntry[];
    readonly snapshot: Snapshot | undefined;
    readonly snapshotsRetained: number;
  },
): void {
  assertWriterEpoch(env, batch.epoch);
  assertTipUnchanged(env, batch.expected);
  for (const entry of batch.entries) {
    // lmdb-js returns whether the put happened (MDB_APPEND refuses a key that is not the largest);
    // its typings say void.
    const written = env.entries.putSync(uint64Key(entry.seq), asBuffer(entry.bytes), {
      append: true,
    }) as unknown;
    if (written !== true) assert.fail(`seq ${entry.seq} must be appended after the last key`);
  }
  if (batch.snapshot !== undefined) writeSnapshot(env, batch.snapshot, batch.snapshotsRetained);
}

/** Inside a write transaction: stores the snapshot and deletes those beyond the retained count. */
export function writeSnapshot(env: LogEnvironment, snapshot: Snapshot, snapshotsRetained: number): void {
  const snapshots = env.snapshots;
  snapshots.putSync(uint64Key(snapshot.height), encodeSnapshot(snapshot));
  for (const key of Array.from(snapshots.getKeys({ reverse: true, offset: snapshotsRetained })))
    snapshots.removeSync(key);
}

/** A batch chained after a tip: its entries, whose envelopes lie end to end in `bytes`, and the new tip. */
export interface ChainedEntries {
  readonly entries: LogEntry[];
  readonly tip: Tip;
  /** Every envelope of the batch, in order, in one buffer of its own (transferable). */
  readonly bytes: Buffer;
  /** The exclusive end of each envelope in `bytes`. */
  readonly ends: Uint32Array;
}

/**
 * Assigns seqs and chains hashes after `tip` (asserting each entry); returns them and the new tip.
 * The envelopes are written into one buffer: one allocation a batch instead of one an entry, and a
 * buffer the append thread hands back as it is.
 */
export function chainEntries(tip: Tip, newEntries: readonly NewEntry[]): ChainedEntries {
  const ends = new Uint32Array(newEntries.length);
  // Each entry's fields; its prevHash is the tip's until the entry before it is sealed.
  const fields: { -readonly [K in keyof EntryFields]: EntryFields[K] }[] = [];
  let total = 0;
  let height = tip.height;
  for (let i = 0; i < newEntries.length; i += 1) {
    const { height: entryHeight, body, stateHash } = newEntries[i] as NewEntry;
    const seq = tip.seq + BigInt(i + 1);
    const entryFields =
      stateHash === undefined
        ? { seq, height: entryHeight, prevHash: tip.hash, body }
        : { seq, height: entryHeight, prevHash: tip.hash, body, stateHash };
    assertEntryFields(entryFields);
    if (entryHeight < height) assert.fail(`height ${entryHeight} after ${height}: heights never decrease`);
    height = entryHeight;
    total += entryEnvelopeBytes(entryFields);
    ends[i] = total;
    fields.push(entryFields);
  }
  const bytes = Buffer.allocUnsafeSlow(total);
  const entries: LogEntry[] = [];
  let prevHash = tip.hash;
  let start = 0;
  for (let i = 0; i < fields.length; i += 1) {
    const entryFields = fields[i] as (typeof fields)[number];
    entryFields.prevHash = prevHash;
    const end = ends[i] as number;
    const entry = writeEntry(entryFields, bytes.subarray(start, end));
    entries.push(entry);
    prevHash = entry.hash;
    start = end;
  }
  const last = entries[entries.length - 1];
  return {
    entries,
    // The tip's hash is copied out: the batch's buffer may be transferred to another thread.
    tip: last === undefined ? tip : { seq: last.seq, hash: Buffer.from(last.hash), height: last.height },
    bytes,
    ends,
  };
}

/**
 * Both steps in one synchronous transaction, the append thread's way: with the log's options the
 * commit has fdatasynced when this returns. Throws (nothing written) as `writeChainedBatch` does.
 */
export function appendChainedBatch(
  env: LogEnvironment,
  batch: {
    readonly epoch: number;
    readonly tip: Tip;
    readonly newEntries: readonly NewEntry[];
    /** The state after the batch's last entry, which must then be a block entry. */
    readonly snapshotBytes: Uint8Array | undefined;
    readonly snapshotsRetained: number;
  },
): ChainedEntries {
  const chained = chainEntries(batch.tip, batch.newEntries);
  const snapshot =
    batch.snapshotBytes === undefined
      ? undefined
      : snapshotAfter(chained.entries, { bytes: batch.snapshotBytes });
  env.root.transactionSync(() =>
    writeChainedBatch(env, {
      epoch: batch.epoch,
      expected: batch.tip,
      entries: chained.entries,
      snapshot,
      snapshotsRetained: batch.snapshotsRetained,
    }),
  );
  return chained;
}

/** The snapshot that follows the batch's last entry, which must be a block entry. */
export function snapshotAfter(entries: readonly LogEntry[], snapshot: { bytes: Uint8Array }): Snapshot {
  assertSnapshotBytes(snapshot.bytes);
  const last = entries[entries.length - 1]!;
  assert.ok(
    last.stateHash !== undefined,
    'a snapshot follows a block entry: the last entry needs a stateHash',
  );
  return { height: last.height, seq: last.seq, entryHash: last.hash, bytes: snapshot.bytes };
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

export function assertBatchSize(newEntries: readonly NewEntry[]): void {
  assert.ok(Array.isArray(newEntries), 'appendBatch takes an array of entries');
  assert.ok(
    newEntries.length >= 1 && newEntries.length <= APPEND_BATCH_ENTRIES_MAX,
    `a batch has 1 to ${APPEND_BATCH_ENTRIES_MAX} entries, got ${newEntries.length}`,
  );
  let bodyBytes = 0;
  for (const entry of newEntries) bodyBytes += entry.body.length;
  assert.ok(
    bodyBytes <= APPEND_BATCH_BYTES_MAX,
    `a batch holds at most ${APPEND_BATCH_BYTES_MAX} body bytes`,
  );
}

/** Inside a write transaction: the log still ends where this writer believes it ends. */
function assertTipUnchanged(env: LogEnvironment, expected: Tip): void {
  const last = readLastStored(env);
  if (expected.seq === 0n) {
    assert.equal(last, undefined, 'the log was empty when this writer last wrote');
    return;
  }
  assert.ok(last !== undefined, `the log lost its tip: seq ${expected.seq} is gone`);
  assert.equal(uint64OfKey(last.key), expected.seq, `the log's tip moved away from seq ${expected.seq}`);
  assert.ok(sameBytes(storedSealOf(last.value), expected.hash), `the entry at seq ${expected.seq} changed`);
}

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
  encodeEntry,
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

/** Assigns seqs and chains hashes after `tip` (asserting each entry); returns them and the new tip. */
export function chainEntries(tip: Tip, newEntries: readonly NewEntry[]): { entries: LogEntry[]; tip: Tip } {
  const entries: LogEntry[] = [];
  let { seq, hash, height } = tip;
  for (const newEntry of newEntries) {
    const fields: EntryFields = {
      seq: seq + 1n,
      height: newEntry.height,
      prevHash: hash,
      body: newEntry.body,
    };
    const withState =
      newEntry.stateHash === undefined ? fields : { ...fields, stateHash: newEntry.stateHash };
    assertEntryFields(withState);
    if (withState.height < height)
      assert.fail(`height ${withState.height} after ${height}: heights never decrease`);
    const entry = encodeEntry(withState);
    entries.push(entry);
    ({ seq, hash, height } = entry);
  }
  return { entries, tip: { seq, hash, height } };
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

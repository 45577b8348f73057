/**
 * A snapshot of the engine's state at a block boundary, stored in the `snapshots` database under its
 * height. The state bytes are opaque here (the engine encodes its state). The record binds them to the
 * chain: `seq` and `entryHash` name the block entry the state follows, so a snapshot can only be used
 * with the log it was taken from. Sealed like entries:
 *
 *     { v: 1, height, seq, entryHash: bin32, bytes: bin, hash: bin32 }
 */
import assert from 'node:assert/strict';
import {
  CanonicalReader,
  CanonicalWriter,
  NonCanonicalError,
  binBytes,
  keyBytes,
  uintBytes,
} from './canonical-msgpack.js';
import { HASH_BYTES, SNAPSHOT_BYTES_MAX, SNAPSHOT_RECORD_VERSION } from './limits.js';
import { SEAL_PAIR_BYTES, computeSeal, seal, storedSealOf } from './sealed-record.js';

export interface Snapshot {
  /** The block height whose end-of-block state this is. */
  readonly height: bigint;
  /** The block entry the state follows: replay resumes at `seq + 1`. */
  readonly seq: bigint;
  /** That block entry's hash. */
  readonly entryHash: Uint8Array;
  /** The encoded state. */
  readonly bytes: Uint8Array;
}

export function assertSnapshotBytes(bytes: Uint8Array): void {
  assert.ok(bytes instanceof Uint8Array, 'snapshot bytes must be a Uint8Array (the encoded state)');
  assert.ok(bytes.length <= SNAPSHOT_BYTES_MAX, `snapshot of ${bytes.length} bytes exceeds the limit`);
}

export function encodeSnapshot(snapshot: Snapshot): Buffer {
  const { height, seq, entryHash, bytes } = snapshot;
  const size =
    1 +
    keyBytes('v') +
    uintBytes(BigInt(SNAPSHOT_RECORD_VERSION)) +
    keyBytes('height') +
    uintBytes(height) +
    keyBytes('seq') +
    uintBytes(seq) +
    keyBytes('entryHash') +
    binBytes(HASH_BYTES) +
    keyBytes('bytes') +
    binBytes(bytes.length) +
    SEAL_PAIR_BYTES;
  const writer = new CanonicalWriter(Buffer.allocUnsafe(size));
  writer.mapHeader(5);
  writer.key('v');
  writer.uint(BigInt(SNAPSHOT_RECORD_VERSION));
  writer.key('height');
  writer.uint(height);
  writer.key('seq');
  writer.uint(seq);
  writer.key('entryHash');
  writer.bin(entryHash);
  writer.key('bytes');
  writer.bin(bytes);
  seal(writer, 5);
  assert.equal(writer.position, size, 'snapshot record size computed exactly');
  return writer.bytes;
}

/** Strict decode plus the seal check; throws NonCanonicalError on any difference. */
export function decodeSnapshot(record: Uint8Array): Snapshot {
  const reader = new CanonicalReader(record);
  if (reader.mapHeader() !== 6) throw new NonCanonicalError('a snapshot record has 6 pairs');
  reader.key('v');
  const version = reader.uint();
  if (version !== BigInt(SNAPSHOT_RECORD_VERSION))
    throw new NonCanonicalError(`snapshot record version ${version} is not supported (this build reads v1)`);
  reader.key('height');
  const height = reader.uint();
  reader.key('seq');
  const seq = reader.uint();
  reader.key('entryHash');
  const entryHash = reader.binOf(HASH_BYTES, 'entryHash');
  reader.key('bytes');
  const bytes = reader.bin();
  reader.key('hash');
  reader.binOf(HASH_BYTES, 'hash');
  reader.end();
  if (!storedSealOf(record).equals(computeSeal(record)))
    throw new NonCanonicalError('the snapshot record does not match its hash (altered on disk)');
  return { height, seq, entryHash, bytes };
}

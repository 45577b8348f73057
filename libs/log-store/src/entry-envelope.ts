/**
 * The entry envelope: what the log stores under each sequence number. The body is opaque here (the
 * engine's encoded command and events, made by the events codec); the envelope adds what the chain
 * needs. On disk it is one canonical msgpack map, keys in this order:
 *
 *     { v: 1, seq, height, prevHash: bin32, stateHash?: bin32, body: bin, hash: bin32 }
 *
 * It is sealed (`sealed-record.ts`): `hash = sha256(the same map without its hash pair)`, so the stored
 * value is exactly the bytes that were hashed plus the hash, and any msgpack tool decodes it.
 * `prevHash` is the previous entry's `hash` (the genesis hash for seq 1), which chains the log.
 * `stateHash` is present on block entries only (the state hash after end-of-block).
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
import { ENTRY_BODY_BYTES_MAX, ENTRY_ENVELOPE_VERSION, HASH_BYTES, UINT64_MAX } from './limits.js';
import { SEAL_PAIR_BYTES, computeSeal, seal, storedSealOf } from './sealed-record.js';

const ENVELOPE_VERSION = BigInt(ENTRY_ENVELOPE_VERSION);
/** The map header, `v`, the keys `seq`, `height`, `prevHash` (with it), `body`, and the seal. */
const ENVELOPE_FIXED_BYTES =
  1 +
  keyBytes('v') +
  uintBytes(ENVELOPE_VERSION) +
  keyBytes('seq') +
  keyBytes('height') +
  keyBytes('prevHash') +
  binBytes(HASH_BYTES) +
  keyBytes('body') +
  SEAL_PAIR_BYTES;
const STATE_HASH_PAIR_BYTES = keyBytes('stateHash') + binBytes(HASH_BYTES);

/** An entry as appended or read back. Byte fields are views into `bytes` when read from disk. */
export interface LogEntry {
  readonly seq: bigint;
  readonly height: bigint;
  readonly prevHash: Uint8Array;
  /** Block entries only: the state hash after end-of-block at `height`. */
  readonly stateHash?: Uint8Array;
  readonly body: Uint8Array;
  readonly hash: Uint8Array;
  /** The exact stored value (the envelope): publish or copy these to let others verify the chain. */
  readonly bytes: Uint8Array;
}

/** What `appendBatch` resolves with: the entries as stored. */
export type AppendedEntry = LogEntry;

/** What the engine hands to `appendBatch`: the log assigns `seq` and chains the hashes. */
export interface NewEntry {
  readonly height: bigint;
  readonly body: Uint8Array;
  readonly stateHash?: Uint8Array;
}

export interface EntryFields extends NewEntry {
  readonly seq: bigint;
  readonly prevHash: Uint8Array;
}

/**
 * Asserts the caller's fields: these are programmer errors, never operating conditions. Runs per
 * entry on the hot path, so messages are only formatted on failure.
 */
export function assertEntryFields(fields: EntryFields): void {
  const { seq, height, prevHash, stateHash, body } = fields;
  if (!(typeof seq === 'bigint' && seq > 0n && seq <= UINT64_MAX))
    assert.fail(`seq ${seq} is not a uint64 > 0`);
  if (!(typeof height === 'bigint' && height >= 0n && height <= UINT64_MAX))
    assert.fail(`height must be a uint64 bigint, got ${typeof height} ${height}`);
  if (!(prevHash instanceof Uint8Array && prevHash.length === HASH_BYTES))
    assert.fail('prevHash is 32 bytes');
  if (!(body instanceof Uint8Array))
    assert.fail('body must be a Uint8Array (the encoded command and events)');
  if (body.length > ENTRY_BODY_BYTES_MAX)
    assert.fail(`a body of ${body.length} bytes exceeds ENTRY_BODY_BYTES_MAX (${ENTRY_BODY_BYTES_MAX})`);
  if (stateHash !== undefined && !(stateHash instanceof Uint8Array && stateHash.length === HASH_BYTES))
    assert.fail('stateHash is 32 bytes when present');
}

/** The stored envelope's size in bytes; the fields must be valid (`assertEntryFields`). */
export function entryEnvelopeBytes(fields: EntryFields): number {
  return (
    ENVELOPE_FIXED_BYTES +
    uintBytes(fields.seq) +
    uintBytes(fields.height) +
    (fields.stateHash === undefined ? 0 : STATE_HASH_PAIR_BYTES) +
    binBytes(fields.body.length)
  );
}

/** Builds the stored envelope in a buffer of its own; the fields must be valid (`assertEntryFields`). */
export function encodeEntry(fields: EntryFields): LogEntry {
  return writeEntry(fields, Buffer.allocUnsafe(entryEnvelopeBytes(fields)));
}

/**
 * Writes the stored envelope into `target`, which must be exactly `entryEnvelopeBytes(fields)`
 * long (a batch writes all its envelopes into one buffer this way). The entry's `bytes` is `target`
 * and its `hash` a view of the envelope's last 32 bytes.
 */
export function writeEntry(fields: EntryFields, target: Buffer): LogEntry {
  const { seq, height, prevHash, stateHash, body } = fields;
  const pairs = stateHash === undefined ? 5 : 6;
  const writer = new CanonicalWriter(target);
  writer.mapHeader(pairs);
  writer.key('v');
  writer.uint(ENVELOPE_VERSION);
  writer.key('seq');
  writer.uint(seq);
  writer.key('height');
  writer.uint(height);
  writer.key('prevHash');
  writer.bin(prevHash);
  if (stateHash !== undefined) {
    writer.key('stateHash');
    writer.bin(stateHash);
  }
  writer.key('body');
  writer.bin(body);
  seal(writer, pairs);
  if (writer.position !== target.length)
    assert.fail(`envelope of ${writer.position} bytes written into ${target.length}`);
  const hash = storedSealOf(target);
  return stateHash === undefined
    ? { seq, height, prevHash, body, hash, bytes: target }
    : { seq, height, prevHash, stateHash, body, hash, bytes: target };
}

/**
 * Reads an envelope in its canonical form (throws NonCanonicalError otherwise). It does not check the
 * hash: `entryHashMatches` does, so a verifier can tell a malformed entry from an altered one.
 */
export function decodeEntry(bytes: Uint8Array): LogEntry {
  const reader = new CanonicalReader(bytes);
  const pairs = reader.mapHeader();
  reader.key('v');
  const version = reader.uint();
  // Upcasting point: a later envelope version is decoded by its own branch into this same shape.
  if (version !== BigInt(ENTRY_ENVELOPE_VERSION))
    throw new NonCanonicalError(`envelope version ${version} is not supported (this build reads v1)`);
  reader.key('seq');
  const seq = reader.uint();
  reader.key('height');
  const height = reader.uint();
  reader.key('prevHash');
  const prevHash = reader.binOf(HASH_BYTES, 'prevHash');
  const stateHash = reader.nextKeyIs('stateHash') ? reader.binOf(HASH_BYTES, 'stateHash') : undefined;
  reader.key('body');
  const body = reader.bin();
  reader.key('hash');
  const hash = reader.binOf(HASH_BYTES, 'hash');
  reader.end();
  if (pairs !== (stateHash === undefined ? 6 : 7))
    throw new NonCanonicalError(`map header counts ${pairs} pairs, the envelope has ${stateHash ? 7 : 6}`);
  return stateHash === undefined
    ? { seq, height, prevHash, body, hash, bytes }
    : { seq, height, prevHash, stateHash, body, hash, bytes };
}

export function entryHashMatches(entry: LogEntry): boolean {
  return Buffer.from(entry.hash.buffer, entry.hash.byteOffset, HASH_BYTES).equals(computeSeal(entry.bytes));
}

/**
 * Keys of the `entries` (seq) and `snapshots` (height) databases, and the numbers in `meta`: an
 * unsigned 64-bit integer as 8 bytes big-endian, so LMDB's byte order is numeric order and the log never
 * runs out of keys (a uint32 key would).
 */
import assert from 'node:assert/strict';
import { UINT64_KEY_BYTES, UINT64_MAX } from './limits.js';

export function uint64Key(value: bigint): Buffer {
  if (!(typeof value === 'bigint' && value >= 0n && value <= UINT64_MAX))
    assert.fail(`a key is a uint64, got ${value}`);
  const key = Buffer.allocUnsafe(UINT64_KEY_BYTES);
  key.writeBigUInt64BE(value, 0);
  return key;
}

/** The number a key holds, or undefined when the key is not 8 bytes (not one of ours). */
export function uint64OfKey(key: Uint8Array): bigint | undefined {
  if (key.length !== UINT64_KEY_BYTES) return undefined;
  return Buffer.from(key.buffer, key.byteOffset, key.length).readBigUInt64BE(0);
}

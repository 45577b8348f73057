/**
 * A record sealed by its own hash: a canonical msgpack map whose last pair is
 * `hash: sha256(the same map without that pair)`. Without the pair the map header counts one pair
 * fewer and every other byte is identical, so the stored value is exactly the hashed bytes plus the
 * hash, and checking it is one sha256 over the stored bytes (no re-encoding). Entries and snapshots
 * are both sealed this way.
 */
import { createHash, hash as oneShotHash } from 'node:crypto';
import { type CanonicalWriter, binBytes, keyBytes } from './canonical-msgpack.js';
import { HASH_BYTES } from './limits.js';

/** The closing pair: fixstr "hash" (5 bytes) + bin8 header (2 bytes) + the 32-byte hash. */
export const SEAL_PAIR_BYTES = keyBytes('hash') + binBytes(HASH_BYTES);

/**
 * Hashes what the writer holds (a fixmap of `pairsBeforeSeal` pairs), then bumps the header and
 * appends the `hash` pair. Returns the hash.
 */
export function seal(writer: CanonicalWriter, pairsBeforeSeal: number): Buffer {
  // The one-shot hash skips the Hash object createHash builds: on the engine's append path (one seal
  // per entry) it is a fifth cheaper.
  const hash = oneShotHash('sha256', writer.bytes.subarray(0, writer.position), 'buffer');
  writer.bytes[0] = 0x80 | (pairsBeforeSeal + 1);
  writer.key('hash');
  writer.bin(hash);
  return hash;
}

/** Recomputes the seal of a stored record (its layout already checked by the decoder). */
export function computeSeal(bytes: Uint8Array): Buffer {
  return createHash('sha256')
    .update(Uint8Array.of(bytes[0]! - 1))
    .update(bytes.subarray(1, bytes.length - SEAL_PAIR_BYTES))
    .digest();
}

/** The hash a stored record carries, read from its last 32 bytes without decoding it. */
export function storedSealOf(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset + bytes.length - HASH_BYTES, HASH_BYTES);
}

/**
 * Deterministic test data: an entry's body is a function of its seq, so any process can check what
 * another one wrote; randomness is seeded (the seed is printed by the test that uses it).
 */
import { createHash } from 'node:crypto';
import { hashGenesis } from '../../src/index.js';

export const GENESIS_HASH = hashGenesis(Buffer.from('{"chainId":"log-store-test"}'));

/** A body that names its seq: `entry-<seq>-` followed by filler up to `bytes` (at least the prefix). */
export function bodyOf(seq: bigint, bytes = 40): Buffer {
  const prefix = `entry-${seq.toString().padStart(8, '0')}-`;
  const body = Buffer.alloc(Math.max(bytes, prefix.length), 0x2e);
  body.write(prefix, 0, 'latin1');
  return body;
}

export function stateHashOf(height: bigint): Buffer {
  return createHash('sha256').update(`state-${height}`).digest();
}

/**
 * The hash the first entry of a log names as its `prevHash`: sha256 of the genesis file's bytes, so
 * a log is bound to the genesis it was started from (a writer opened with another genesis is refused)
 * and an operator can check it with `sha256sum genesis.json`.
 */
import { createHash } from 'node:crypto';

export function hashGenesis(genesisBytes: Uint8Array): Buffer {
  return createHash('sha256').update(genesisBytes).digest();
}

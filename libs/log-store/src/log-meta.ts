/**
 * The `meta` database: the layout version, the genesis hash the chain starts from, and the writer
 * lock (epoch and holder). Keys are short ASCII names.
 */
import { HASH_BYTES, LOG_FORMAT_VERSION } from './limits.js';
import { LogFormatError, LogGenesisMismatchError } from './errors.js';
import type { LogEnvironment } from './lmdb-environment.js';
import { uint64Key, uint64OfKey } from './uint64-key.js';

export const META_FORMAT_KEY = Buffer.from('format', 'latin1');
export const META_GENESIS_HASH_KEY = Buffer.from('genesisHash', 'latin1');
export const META_WRITER_EPOCH_KEY = Buffer.from('writerEpoch', 'latin1');
export const META_WRITER_HOLDER_KEY = Buffer.from('writerHolder', 'latin1');

/** The genesis hash of an existing log; throws LogFormatError when the file is not a log of this layout. */
export function readLogIdentity(env: LogEnvironment): Buffer {
  const format = env.meta.getBinary(META_FORMAT_KEY);
  if (format === undefined) throw new LogFormatError(env.path, 'no format version in meta (not a log)');
  const version = uint64OfKey(format);
  if (version !== BigInt(LOG_FORMAT_VERSION))
    throw new LogFormatError(
      env.path,
      `format version ${version ?? 'unreadable'}, this build reads ${LOG_FORMAT_VERSION}`,
    );
  const genesisHash = env.meta.getBinary(META_GENESIS_HASH_KEY);
  if (genesisHash === undefined || genesisHash.length !== HASH_BYTES)
    throw new LogFormatError(env.path, 'no genesis hash in meta');
  return genesisHash;
}

/**
 * Inside the writer's opening transaction: a new log gets its format version and genesis hash; an
 * existing one must have been made with the same genesis.
 */
export function initialiseLogIdentity(env: LogEnvironment, genesisHash: Uint8Array): void {
  if (env.meta.getBinary(META_FORMAT_KEY) === undefined) {
    if (env.entries.getKeysCount({ limit: 1 }) > 0)
      throw new LogFormatError(env.path, 'entries exist but meta has no format version');
    env.meta.putSync(META_FORMAT_KEY, uint64Key(BigInt(LOG_FORMAT_VERSION)));
    env.meta.putSync(META_GENESIS_HASH_KEY, Buffer.from(genesisHash));
    return;
  }
  const stored = readLogIdentity(env);
  if (!stored.equals(genesisHash))
    throw new LogGenesisMismatchError(
      env.path,
      stored.toString('hex'),
      Buffer.from(genesisHash).toString('hex'),
    );
}

/** The current fencing epoch (0 when no writer ever opened the log). */
export function readWriterEpoch(env: LogEnvironment): number {
  const bytes = env.meta.getBinary(META_WRITER_EPOCH_KEY);
  if (bytes === undefined) return 0;
  const epoch = uint64OfKey(bytes);
  if (epoch === undefined) throw new LogFormatError(env.path, 'the writer epoch in meta is not 8 bytes');
  return Number(epoch);
}

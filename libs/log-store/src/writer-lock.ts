/**
 * The writer lock, kept in `meta` and changed only inside LMDB write transactions, which LMDB already
 * serialises across processes: two writers racing to open see each other, never both win.
 *
 * Taking the lock raises the fencing epoch. Every write transaction of a writer first compares the
 * stored epoch with its own and aborts on a difference, so a writer that was superseded (taken over
 * while it still ran, or resumed after a pause) can never append again, even though it still has the
 * file open.
 */
import { LogFormatError, LogWriterFencedError, LogWriterLockedError } from './errors.js';
import type { LogEnvironment } from './lmdb-environment.js';
import { META_WRITER_EPOCH_KEY, META_WRITER_HOLDER_KEY, readWriterEpoch } from './log-meta.js';
import { currentProcessIdentity } from './process-identity.js';
import { uint64Key } from './uint64-key.js';
import {
  type WriterHolder,
  decodeWriterHolder,
  encodeWriterHolder,
  holderIsActive,
} from './writer-holder.js';

/**
 * Inside a write transaction: takes the lock for this process, or throws LogWriterLockedError when a
 * live holder has it and `takeover` is false. Returns the new holder (with the new epoch).
 */
export function takeWriterLock(env: LogEnvironment, options: { takeover: boolean }): WriterHolder {
  const previous = readWriterHolder(env);
  if (previous !== undefined && !options.takeover && holderIsActive(previous))
    throw new LogWriterLockedError(env.path, previous);
  const epoch = Math.max(previous?.epoch ?? 0, readWriterEpoch(env)) + 1;
  const holder: WriterHolder = { ...currentProcessIdentity(), epoch, released: false };
  env.meta.putSync(META_WRITER_HOLDER_KEY, Buffer.from(encodeWriterHolder(holder)));
  env.meta.putSync(META_WRITER_EPOCH_KEY, uint64Key(BigInt(epoch)));
  return holder;
}

/** Inside a write transaction: throws LogWriterFencedError unless `epoch` is still the current one. */
export function assertWriterEpoch(env: LogEnvironment, epoch: number): void {
  const current = readWriterEpoch(env);
  if (current !== epoch) throw new LogWriterFencedError(env.path, epoch, current);
}

/** Marks the lock free (keeping the epoch, which only grows), if this holder still has it. */
export function releaseWriterLock(env: LogEnvironment, holder: WriterHolder): void {
  env.root.transactionSync(() => {
    if (readWriterEpoch(env) !== holder.epoch) return;
    env.meta.putSync(META_WRITER_HOLDER_KEY, Buffer.from(encodeWriterHolder({ ...holder, released: true })));
  });
}

export function readWriterHolder(env: LogEnvironment): WriterHolder | undefined {
  const bytes = env.meta.getBinary(META_WRITER_HOLDER_KEY);
  if (bytes === undefined) return undefined;
  try {
    return decodeWriterHolder(bytes);
  } catch (error) {
    throw new LogFormatError(env.path, `the writer record in meta is unreadable (${String(error)})`);
  }
}

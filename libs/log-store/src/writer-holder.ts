/**
 * The writer lock's record in `meta`: which process holds it, and the fencing epoch. The epoch is
 * also stored alone under its own key (8 bytes) because every write transaction compares it.
 */
import { decode, encode } from '@msgpack/msgpack';
import { type ProcessIdentity, processIsAlive } from './process-identity.js';

export interface WriterHolder extends ProcessIdentity {
  /** Fencing epoch: +1 each time a writer takes the lock; a writer may write only under its own. */
  readonly epoch: number;
  /** True once the holder closed cleanly: the lock is free without any liveness check. */
  readonly released: boolean;
}

export function encodeWriterHolder(holder: WriterHolder): Uint8Array {
  const { epoch, released, pid, host, bootId, startTicks } = holder;
  return encode({ epoch, released, pid, host, bootId, startTicks });
}

export function decodeWriterHolder(bytes: Uint8Array): WriterHolder {
  const value = decode(bytes) as Partial<Record<keyof WriterHolder, unknown>>;
  const { epoch, released, pid, host, bootId, startTicks } = value;
  if (
    typeof epoch !== 'number' ||
    typeof released !== 'boolean' ||
    typeof pid !== 'number' ||
    typeof host !== 'string' ||
    typeof bootId !== 'string' ||
    typeof startTicks !== 'string'
  )
    throw new TypeError('a field is missing or of the wrong type');
  return { epoch, released, pid, host, bootId, startTicks };
}

/** The lock is held when the holder did not release it and its process still runs. */
export function holderIsActive(holder: WriterHolder): boolean {
  return !holder.released && processIsAlive(holder);
}

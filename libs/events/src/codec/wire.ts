/**
 * The msgpack layer: one encoder and one decoder with the options that make the bytes canonical and
 * lossless. `useBigInt64` writes every bigint as an 8-byte int64/uint64 and reads those formats back
 * as bigint, so heights, times and counters never pass through a float. Everything that may exceed
 * 64 bits (coin amounts, Dec values) travels as a canonical decimal string instead. Plain numbers
 * are used only for small header fields (`v`): with `useBigInt64` a number outside int32 would be
 * written as a float64, so none is ever written.
 *
 * Key order is fixed by the codecs (each builds its object in one declared order), not by
 * `sortKeys`: the same value always gives the same bytes, without a sort per object.
 */
import { Decoder, Encoder } from '@msgpack/msgpack';
import { DecodeError } from './decode-error.js';

export type WireValue =
  null | boolean | number | bigint | string | readonly WireValue[] | { readonly [key: string]: WireValue };

export type WireRecord = { readonly [key: string]: WireValue };

/** The msgpack options every producer of log bytes must use (the log store embeds our wire values). */
export const CANONICAL_MSGPACK_OPTIONS = Object.freeze({ useBigInt64: true, ignoreUndefined: false });

const encoder = new Encoder(CANONICAL_MSGPACK_OPTIONS);
const decoder = new Decoder({ useBigInt64: true });

/** Canonical msgpack bytes of a wire value built by this lib's codecs. */
export function encodeWire(value: WireValue): Uint8Array {
  return encoder.encode(value);
}

/** The msgpack value in `bytes`; a DecodeError at `path` when they are not exactly one msgpack value. */
export function decodeWire(bytes: Uint8Array, path: string): unknown {
  try {
    return decoder.decode(bytes);
  } catch (error) {
    throw new DecodeError(path, `not a msgpack value (${(error as Error).message})`, { cause: error });
  }
}

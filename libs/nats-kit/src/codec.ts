/**
 * The wire codec: every NATS payload of the node is one msgpack value of at most `PAYLOAD_BYTES_MAX`
 * bytes.
 *
 * Integers never lose precision. `@msgpack/msgpack`'s `useBigInt64` maps bigint to int64/uint64, but
 * a bigint outside 64 bits is then silently wrapped (DataView.setBigUint64 takes it modulo 2^64): a
 * client's 2^70 would reach the engine as some other amount. So every bigint is written as the
 * extension type `BIGINT_EXT_TYPE` (a sign byte, then the magnitude big-endian with no leading zero
 * byte, at most `BIGINT_MAGNITUDE_BYTES_MAX` bytes), which decodes back to the same bigint; int64 and
 * uint64 written by other encoders also decode as bigint (`useBigInt64` on the decoder). Small
 * integers arrive as `number`: read integer fields with `integerOf`. Dec values travel as their
 * canonical 18-decimal strings; the codec does not interpret them.
 */
import { DecodeError, Decoder, Encoder, ExtensionCodec } from '@msgpack/msgpack';
import { PayloadTooLargeError } from './errors.js';

/**
 * The largest payload the node sends or accepts. A swap request is ~150 bytes and a committed entry
 * a few kilobytes; 64 KiB is far below nats-server's default `max_payload` (1 MiB), so an oversized
 * message still reaches the edge and gets a typed error reply instead of being refused by the server.
 */
export const PAYLOAD_BYTES_MAX = 64 * 1024;
/** The msgpack extension type of a bigint (application types are 0..127). */
export const BIGINT_EXT_TYPE = 0;
/** 256 bits: the reference's `sdk.Int` limit; anything larger is malformed. */
export const BIGINT_MAGNITUDE_BYTES_MAX = 32;

const SIGN_POSITIVE = 0;
const SIGN_NEGATIVE = 1;

function encodeBigInt(input: unknown): Uint8Array | null {
  if (typeof input !== 'bigint') return null;
  const negative = input < 0n;
  const magnitude = negative ? -input : input;
  if (magnitude === 0n) return Uint8Array.of(SIGN_POSITIVE);
  let hex = magnitude.toString(16);
  if (hex.length % 2 === 1) hex = '0' + hex;
  const bytes = new Uint8Array(1 + hex.length / 2);
  bytes[0] = negative ? SIGN_NEGATIVE : SIGN_POSITIVE;
  bytes.set(Buffer.from(hex, 'hex'), 1);
  return bytes;
}

/** Strict: one encoding per value, so a payload cannot smuggle a second spelling of an amount. */
function decodeBigInt(data: Uint8Array): bigint {
  const sign = data[0];
  if (sign !== SIGN_POSITIVE && sign !== SIGN_NEGATIVE) throw new DecodeError('bigint: bad sign byte');
  const magnitudeBytes = data.length - 1;
  if (magnitudeBytes > BIGINT_MAGNITUDE_BYTES_MAX)
    throw new DecodeError(`bigint: wider than ${BIGINT_MAGNITUDE_BYTES_MAX * 8} bits`);
  if (magnitudeBytes === 0) {
    if (sign === SIGN_NEGATIVE) throw new DecodeError('bigint: negative zero');
    return 0n;
  }
  if (data[1] === 0) throw new DecodeError('bigint: leading zero byte');
  const magnitude = BigInt(
    '0x' + Buffer.from(data.buffer, data.byteOffset + 1, magnitudeBytes).toString('hex'),
  );
  return sign === SIGN_NEGATIVE ? -magnitude : magnitude;
}

const extensionCodec = new ExtensionCodec();
extensionCodec.register({ type: BIGINT_EXT_TYPE, encode: encodeBigInt, decode: decodeBigInt });

// One encoder and decoder for the process: constructing them per message costs more than the
// message. Both are re-entrant in @msgpack/msgpack v3.
const encoder = new Encoder({ extensionCodec, ignoreUndefined: true });

function createDecoder(bytesMax: number): Decoder {
  // No string, array or map can be longer than the payload that carries it; bounding them keeps a
  // forged length header from making the decoder allocate for elements that are not there.
  return new Decoder({
    extensionCodec,
    useBigInt64: true,
    maxStrLength: bytesMax,
    maxBinLength: bytesMax,
    maxArrayLength: bytesMax,
    maxMapLength: bytesMax,
    maxExtLength: 1 + BIGINT_MAGNITUDE_BYTES_MAX,
  });
}

const defaultDecoder = createDecoder(PAYLOAD_BYTES_MAX);

export interface PayloadLimit {
  /** Defaults to `PAYLOAD_BYTES_MAX`; both sides of a subject must agree. */
  readonly bytesMax?: number;
}

/** Encodes one value; throws `PayloadTooLargeError` when the bytes exceed the limit. */
export function encodePayload(value: unknown, options: PayloadLimit = {}): Uint8Array {
  const bytesMax = options.bytesMax ?? PAYLOAD_BYTES_MAX;
  const bytes = encoder.encode(value);
  if (bytes.byteLength > bytesMax) throw new PayloadTooLargeError(bytes.byteLength, bytesMax);
  return bytes;
}

export type DecodedPayload =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: 'tooLarge' | 'malformed'; readonly detail: string };

/**
 * Decodes untrusted bytes. Never throws: an oversized or malformed payload is a value, so the edge
 * can answer it with a typed error reply (see `wire-reply.ts`).
 */
export function decodePayload(bytes: Uint8Array, options: PayloadLimit = {}): DecodedPayload {
  const bytesMax = options.bytesMax ?? PAYLOAD_BYTES_MAX;
  if (bytes.byteLength > bytesMax)
    return { ok: false, reason: 'tooLarge', detail: `${bytes.byteLength} bytes, limit ${bytesMax}` };
  const decoder = bytesMax === PAYLOAD_BYTES_MAX ? defaultDecoder : createDecoder(bytesMax);
  try {
    return { ok: true, value: decoder.decode(bytes) };
  } catch (error) {
    // The decoder throws DecodeError, RangeError (truncated or trailing bytes) or our own
    // DecodeError from the bigint extension: all mean the sender's bytes are not one valid value.
    return { ok: false, reason: 'malformed', detail: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * An integer field as decoded: a bigint (extension, int64, uint64) or a safe-integer number (small
 * msgpack ints). `undefined` for anything else (floats, strings, unsafe numbers).
 */
export function integerOf(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  return undefined;
}

/**
 * Reading an untrusted payload: a size bound first, then msgpack with every length bounded by the
 * payload's own size, so a 5-byte header cannot make the decoder allocate a 4-billion-slot array.
 * Never throws: every failure is a rejection value.
 */
import { Decoder } from '@msgpack/msgpack';
import { reject, type Rejection, REJECTIONS } from '@marketnode/errors';

/** The largest payload accepted on any subject (a vote's 4096-byte rate text fits with room). */
export const PAYLOAD_BYTES_MAX = 16_384;

const decoder = new Decoder({
  useBigInt64: true,
  maxStrLength: PAYLOAD_BYTES_MAX,
  maxBinLength: PAYLOAD_BYTES_MAX,
  maxArrayLength: PAYLOAD_BYTES_MAX,
  maxMapLength: PAYLOAD_BYTES_MAX,
  maxExtLength: PAYLOAD_BYTES_MAX,
});

export type PayloadRead =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: Rejection };

/**
 * Raw bytes (a `Uint8Array`) are size-checked and msgpack-decoded; anything else is taken as an
 * already-decoded value (the caller decoded it) and passed through for validation.
 */
export function readPayload(payload: unknown): PayloadRead {
  if (!(payload instanceof Uint8Array)) return { ok: true, value: payload };
  if (payload.byteLength > PAYLOAD_BYTES_MAX) {
    return { ok: false, error: reject(REJECTIONS.payloadTooLarge, `${payload.byteLength} bytes`) };
  }
  try {
    return { ok: true, value: decoder.decode(payload) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, error: reject(REJECTIONS.malformedPayload, `not one msgpack value (${reason})`) };
  }
}

/**
 * The shape of every reply on the wire: `{ ok: true, value }` or `{ ok: false, error: { code,
 * message, hint } }`. The error is the same triple the rejection catalog gives (a `Rejection` from
 * `@marketnode/errors` fits as is), so a client matches on `code`, shows `message` and tells the user
 * `hint`. The codes below are the ones the transport layer itself produces.
 */
import { decodePayload, encodePayload, PAYLOAD_BYTES_MAX, type PayloadLimit } from './codec.js';
import { PayloadTooLargeError } from './errors.js';

export interface WireError {
  readonly code: string;
  readonly message: string;
  readonly hint: string;
}

export type WireReply<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: WireError };

export const WIRE_ERROR_CODES = {
  payloadTooLarge: 'WIRE_ERR_PAYLOAD_TOO_LARGE',
  malformedPayload: 'WIRE_ERR_MALFORMED_PAYLOAD',
  malformedReply: 'WIRE_ERR_MALFORMED_REPLY',
} as const;

export function okReply<T>(value: T): WireReply<T> {
  return { ok: true, value };
}

/** Keeps only the three wire fields, so a richer error object (a `Rejection`) never leaks more. */
export function errorReply(error: WireError): WireReply<never> {
  return { ok: false, error: { code: error.code, message: error.message, hint: error.hint } };
}

export function payloadTooLargeError(payloadBytes: number, bytesMax: number): WireError {
  return {
    code: WIRE_ERROR_CODES.payloadTooLarge,
    message: `payload of ${payloadBytes} bytes exceeds the limit of ${bytesMax} bytes`,
    hint: `Send at most ${bytesMax} bytes of msgpack; split large requests.`,
  };
}

export function malformedPayloadError(detail: string): WireError {
  return {
    code: WIRE_ERROR_CODES.malformedPayload,
    message: `payload is not one valid msgpack value: ${detail}`,
    hint: 'Encode the request as one msgpack map with the nats-kit codec (bigints as its extension type).',
  };
}

function malformedReplyError(detail: string): WireError {
  return {
    code: WIRE_ERROR_CODES.malformedReply,
    message: `reply is not a wire reply: ${detail}`,
    hint: 'Check that the responder and this client run the same protocol version.',
  };
}

/**
 * Decodes a request payload at the edge, or gives the error reply to send back at once. The value
 * still needs validating against the subject's schema: this only proves it is msgpack.
 */
export function decodeRequest(bytes: Uint8Array, options: PayloadLimit = {}): WireReply<unknown> {
  const decoded = decodePayload(bytes, options);
  if (decoded.ok) return okReply(decoded.value);
  if (decoded.reason === 'tooLarge')
    return errorReply(payloadTooLargeError(bytes.byteLength, options.bytesMax ?? PAYLOAD_BYTES_MAX));
  return errorReply(malformedPayloadError(decoded.detail));
}

/**
 * Encodes a reply. Never throws for size: a value too large to send becomes the error reply
 * `WIRE_ERR_PAYLOAD_TOO_LARGE`, because the requester is waiting and must hear something.
 */
export function encodeReply(reply: WireReply<unknown>, options: PayloadLimit = {}): Uint8Array {
  try {
    return encodePayload(reply, options);
  } catch (error) {
    if (!(error instanceof PayloadTooLargeError)) throw error;
    return encodePayload(errorReply(payloadTooLargeError(error.payloadBytes, error.bytesMax)), options);
  }
}

/** `{ ok: true, value: ` written once: what every ok reply starts with, before the value's bytes. */
const OK_REPLY_PREFIX = encodePayload({ ok: true, value: null }).subarray(0, -1);

/**
 * The bytes of `encodeReply(okReply(value))` from the value's msgpack bytes, for a value the caller
 * already encoded (the engine encodes each swap outcome once, for the log and for the reply). The
 * caller guarantees `valueBytes` are what this codec writes for the value (no bigint, or the same
 * bigint form); a test holds the engine's swap outcomes to it.
 */
export function encodeOkReplyOfEncoded(valueBytes: Uint8Array, options: PayloadLimit = {}): Uint8Array {
  const bytesMax = options.bytesMax ?? PAYLOAD_BYTES_MAX;
  const byteLength = OK_REPLY_PREFIX.byteLength + valueBytes.byteLength;
  if (byteLength > bytesMax)
    return encodePayload(errorReply(payloadTooLargeError(byteLength, bytesMax)), options);
  // From Node's Buffer pool (a view, not an ArrayBuffer of its own): one reply per swap on the
  // engine's hot path, where a fresh ArrayBuffer cost more than the copy.
  const pooled = Buffer.allocUnsafe(byteLength);
  const bytes = new Uint8Array(pooled.buffer, pooled.byteOffset, byteLength);
  bytes.set(OK_REPLY_PREFIX, 0);
  bytes.set(valueBytes, OK_REPLY_PREFIX.byteLength);
  return bytes;
}

/** Decodes and shape-checks a reply; anything that is not a wire reply becomes `WIRE_ERR_MALFORMED_REPLY`. */
export function decodeReply(bytes: Uint8Array, options: PayloadLimit = {}): WireReply<unknown> {
  const decoded = decodePayload(bytes, options);
  if (!decoded.ok) return errorReply(malformedReplyError(decoded.detail));
  const reply = decoded.value;
  if (typeof reply !== 'object' || reply === null) return errorReply(malformedReplyError('not a map'));
  const fields = reply as Record<string, unknown>;
  // The encoder drops `undefined`, so `okReply(undefined)` arrives without `value`: read it as null.
  if (fields['ok'] === true) return okReply(fields['value'] ?? null);
  if (fields['ok'] === false && isWireError(fields['error'])) return errorReply(fields['error']);
  return errorReply(malformedReplyError('neither {ok: true, value} nor {ok: false, error}'));
}

function isWireError(value: unknown): value is WireError {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Record<string, unknown>;
  return (
    typeof fields['code'] === 'string' &&
    typeof fields['message'] === 'string' &&
    typeof fields['hint'] === 'string'
  );
}

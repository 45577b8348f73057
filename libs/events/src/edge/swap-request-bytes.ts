/**
 * The swap request as every client writes it, read straight from its msgpack bytes: a map of exactly
 * `requestId`, `offer: { denom, amount }`, `askDenom`, in that order, with ASCII strings and the
 * amount as the bigint extension or a small unsigned integer. It returns exactly the value the
 * generic decoder (nats-kit `decodePayload`) gives for the same bytes, so `parseSwapRequest`
 * validates it the same way; anything else (another key order, another type, UTF-8 text, a
 * negative or oversized amount, trailing bytes) returns undefined and takes the generic path, with
 * its error messages.
 *
 * Why: the generic decoder allocated about 2 KB per 64-byte request (measured), the engine's event
 * loop is its bottleneck, and its garbage collections are its latency tail.
 */
import { encodedString } from '../codec/msgpack-writer.js';

const MAP3 = 0x83;
const MAP2 = 0x82;
const FIXSTR = 0xa0;
const FIXSTR_LENGTH_MAX = 31;
const STR8 = 0xd9;
const UINT8 = 0xcc;
const UINT16 = 0xcd;
const UINT32 = 0xce;
const FIXEXT1 = 0xd4;
const FIXEXT16 = 0xd8;
const EXT8 = 0xc7;
/** nats-kit's bigint extension: a sign byte (0 positive), then the magnitude, big-endian. */
const BIGINT_EXT_TYPE = 0;
/** Enough for any amount below 2^100 (13 bytes); larger ones take the generic path. */
const AMOUNT_MAGNITUDE_BYTES_MAX = 13;
const FIXEXT_LENGTHS = [1, 2, 4, 8, 16] as const;
/** Byte widths of uint8, uint16, uint32 by their head byte. */
const UINT_WIDTHS: Readonly<Record<number, number>> = { [UINT8]: 1, [UINT16]: 2, [UINT32]: 4 };

const REQUEST_ID_KEY = encodedString('requestId');
const OFFER_KEY = encodedString('offer');
const DENOM_KEY = encodedString('denom');
const AMOUNT_KEY = encodedString('amount');
const ASK_DENOM_KEY = encodedString('askDenom');

export interface SwapRequestValue {
  requestId: string;
  offer: { denom: string; amount: bigint | number };
  askDenom: string;
}

class Cursor {
  position = 0;
  constructor(readonly bytes: Uint8Array) {}

  byte(expected: number): boolean {
    if (this.bytes[this.position] !== expected) return false;
    this.position += 1;
    return true;
  }

  key(encoded: Uint8Array): boolean {
    const { bytes, position } = this;
    if (position + encoded.length > bytes.length) return false;
    for (let i = 0; i < encoded.length; i += 1) if (bytes[position + i] !== encoded[i]) return false;
    this.position += encoded.length;
    return true;
  }

  /** An ASCII fixstr or str8; undefined for anything else. */
  asciiString(): string | undefined {
    const { bytes } = this;
    const head = bytes[this.position];
    if (head === undefined) return undefined;
    let length: number;
    let start: number;
    if (head >= FIXSTR && head <= FIXSTR + FIXSTR_LENGTH_MAX) {
      length = head - FIXSTR;
      start = this.position + 1;
    } else if (head === STR8 && this.position + 1 < bytes.length) {
      length = bytes[this.position + 1] as number;
      start = this.position + 2;
    } else {
      return undefined;
    }
    const end = start + length;
    if (end > bytes.length) return undefined;
    let text = '';
    for (let i = start; i < end; i += 1) {
      const code = bytes[i] as number;
      if (code > 0x7f) return undefined;
      text += String.fromCharCode(code);
    }
    this.position = end;
    return text;
  }

  /** A positive fixint, uint8/16/32 (as a number, like the generic decoder) or the bigint extension. */
  amount(): bigint | number | undefined {
    const { bytes } = this;
    const head = bytes[this.position];
    if (head === undefined) return undefined;
    if (head <= 0x7f) {
      this.position += 1;
      return head;
    }
    const width = UINT_WIDTHS[head];
    if (width !== undefined) {
      if (this.position + 1 + width > bytes.length) return undefined;
      let value = 0;
      for (let i = 1; i <= width; i += 1) value = value * 256 + (bytes[this.position + i] as number);
      this.position += 1 + width;
      return value;
    }
    return this.bigintExtension();
  }

  private bigintExtension(): bigint | undefined {
    const { bytes } = this;
    const head = bytes[this.position] as number;
    let length: number;
    let typeAt: number;
    if (head >= FIXEXT1 && head <= FIXEXT16) {
      length = FIXEXT_LENGTHS[head - FIXEXT1] as number;
      typeAt = this.position + 1;
    } else if (head === EXT8 && this.position + 1 < bytes.length) {
      length = bytes[this.position + 1] as number;
      typeAt = this.position + 2;
    } else {
      return undefined;
    }
    const end = typeAt + 1 + length;
    // A positive sign, no leading zero byte, below 2^100: what the generic path accepts as an amount.
    if (bytes[typeAt] !== BIGINT_EXT_TYPE || end > bytes.length || length < 1) return undefined;
    if (bytes[typeAt + 1] !== 0 || length - 1 > AMOUNT_MAGNITUDE_BYTES_MAX) return undefined;
    if (length > 1 && bytes[typeAt + 2] === 0) return undefined;
    let magnitude = 0n;
    for (let i = typeAt + 2; i < end; i += 1) magnitude = (magnitude << 8n) | BigInt(bytes[i] as number);
    this.position = end;
    return magnitude;
  }
}

/** The request's value, or undefined when the bytes are not in the common form (use the generic path). */
export function readSwapRequestBytes(bytes: Uint8Array): SwapRequestValue | undefined {
  const cursor = new Cursor(bytes);
  if (!cursor.byte(MAP3) || !cursor.key(REQUEST_ID_KEY)) return undefined;
  const requestId = cursor.asciiString();
  if (requestId === undefined || !cursor.key(OFFER_KEY) || !cursor.byte(MAP2)) return undefined;
  if (!cursor.key(DENOM_KEY)) return undefined;
  const denom = cursor.asciiString();
  if (denom === undefined || !cursor.key(AMOUNT_KEY)) return undefined;
  const amount = cursor.amount();
  if (amount === undefined || !cursor.key(ASK_DENOM_KEY)) return undefined;
  const askDenom = cursor.asciiString();
  if (askDenom === undefined || cursor.position !== bytes.length) return undefined;
  return { requestId, offer: { denom, amount }, askDenom };
}

/**
 * The wire form of one published price on `prices.<source>`: msgpack `{ base, quote, price,
 * timestampMs }` with `price` as decimal text (never a float) and `timestampMs` an integer. Decoding
 * never throws: a bad message is a reason, so the subscriber can count it and carry on.
 */
import type { Decimal } from 'decimal.js';
import { decodePayload, encodePayload, integerOf } from '@marketnode/nats-kit';
import { parsePriceText } from './price-text.js';

export interface PriceMessage {
  readonly base: string;
  readonly quote: string;
  readonly price: Decimal;
  readonly timestampMs: number;
}

/** A price message is tiny; anything larger is refused before decoding. */
export const PRICE_MESSAGE_BYTES_MAX = 1_024;
const ASSET_PATTERN = /^[A-Z0-9]{1,16}$/;

export function encodePriceMessage(message: PriceMessage): Uint8Array {
  return encodePayload(
    {
      base: message.base,
      quote: message.quote,
      price: message.price.toFixed(),
      timestampMs: message.timestampMs,
    },
    { bytesMax: PRICE_MESSAGE_BYTES_MAX },
  );
}

export type DecodedPriceMessage =
  { readonly ok: true; readonly message: PriceMessage } | { readonly ok: false; readonly reason: string };

export function decodePriceMessage(bytes: Uint8Array): DecodedPriceMessage {
  const decoded = decodePayload(bytes, { bytesMax: PRICE_MESSAGE_BYTES_MAX });
  if (!decoded.ok) return { ok: false, reason: `${decoded.reason}: ${decoded.detail}` };
  const value = decoded.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, reason: 'not a map' };
  const { base, quote, price, timestampMs } = value as Record<string, unknown>;
  if (typeof base !== 'string' || !ASSET_PATTERN.test(base)) return { ok: false, reason: 'bad base' };
  if (typeof quote !== 'string' || !ASSET_PATTERN.test(quote) || quote === base)
    return { ok: false, reason: 'bad quote' };
  const parsedPrice = typeof price === 'string' ? parsePriceText(price) : undefined;
  if (parsedPrice === undefined) return { ok: false, reason: 'price is not decimal text > 0' };
  const time = integerOf(timestampMs);
  if (time === undefined || time < 0n || time > BigInt(Number.MAX_SAFE_INTEGER))
    return { ok: false, reason: 'timestampMs is not a whole number of ms' };
  return { ok: true, message: { base, quote, price: parsedPrice, timestampMs: Number(time) } };
}

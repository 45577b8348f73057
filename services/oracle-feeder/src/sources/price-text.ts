/**
 * Strict price text. Prices reach the feeder as text (a JSON string, or a JSON number's own digits
 * kept by lossless-json) and go straight into decimal.js, so no float ever rounds them. Anything but
 * a plain decimal greater than zero is refused: signs, NaN, Infinity, hex, spaces, huge exponents.
 */
import type { Decimal } from 'decimal.js';
import { PriceDecimal } from './price-decimal.js';

/** Bounds the text so a hostile body cannot make a huge number. */
export const PRICE_TEXT_CHARS_MAX = 80;
/** Digits, an optional fraction and an optional small exponent (some APIs print 7.4e-4). */
const PRICE_TEXT_PATTERN = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]{1,2})?$/;

/** The decimal the text spells, when it is a plain decimal greater than zero; otherwise undefined. */
export function parsePriceText(text: string): Decimal | undefined {
  if (text.length > PRICE_TEXT_CHARS_MAX || !PRICE_TEXT_PATTERN.test(text)) return undefined;
  const value = new PriceDecimal(text);
  return value.isFinite() && value.greaterThan(0) ? value : undefined;
}

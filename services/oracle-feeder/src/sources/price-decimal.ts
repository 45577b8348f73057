/**
 * The feeder's decimal.js context. decimal.js rounds every arithmetic result to 20 significant
 * digits by default, which would cut a chain of three conversion legs (each with up to ~20 digits)
 * short before the final rounding; 80 digits keeps every intermediate exact enough that only the
 * final rounding down to 18 decimals (the sdk.Dec grid) loses anything.
 */
import { Decimal } from 'decimal.js';

export const PRICE_DECIMAL_PRECISION = 80;

export const PriceDecimal = Decimal.clone({
  precision: PRICE_DECIMAL_PRECISION,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -PRICE_DECIMAL_PRECISION,
  toExpPos: PRICE_DECIMAL_PRECISION,
});

/** Brings a decimal from any decimal.js context into the feeder's context (the value is unchanged). */
export function toPriceDecimal(value: Decimal.Value): Decimal {
  return new PriceDecimal(value);
}

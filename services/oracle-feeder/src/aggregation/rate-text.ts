/**
 * A rate as the engine takes it: an sdk.Dec, i.e. exactly 18 decimals. Rates are rounded DOWN so a
 * feeder never overstates how much a LUNA buys by rounding.
 */
import type { Decimal } from 'decimal.js';
import { PriceDecimal } from '../sources/price-decimal.js';

/** sdk.Dec's decimals. */
export const RATE_DECIMALS = 18;

export function roundRate(rate: Decimal): Decimal {
  return new PriceDecimal(rate).toDecimalPlaces(RATE_DECIMALS, PriceDecimal.ROUND_DOWN);
}

/** The rate as sdk.Dec text, e.g. `80.000000000000000000`: what `@marketnode/dec`'s `parse` reads. */
export function rateDecText(rate: Decimal): string {
  return roundRate(rate).toFixed(RATE_DECIMALS);
}

/**
 * The plain median of a set of prices: the middle one, or the mean of the two middle ones. Unlike the
 * chain's weighted median (which must pick one submitted vote), a feeder pools independent sources,
 * so with an even count it takes the midpoint rather than favouring either side.
 */
import type { Decimal } from 'decimal.js';
import { PriceDecimal, toPriceDecimal } from '../sources/price-decimal.js';

export function median(values: readonly Decimal[]): Decimal {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = values.map(toPriceDecimal).sort((a, b) => a.comparedTo(b));
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as Decimal;
  if (sorted.length % 2 === 1) return upper;
  const lower = sorted[middle - 1] as Decimal;
  return lower.plus(upper).dividedBy(new PriceDecimal(2));
}

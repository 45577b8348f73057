/**
 * The arithmetic of a stale-oracle judgement, exact: no float anywhere. Rates are the oracle's
 * (an amount of the denom per uluna; uluna itself is exactly 1), so a swap from O into A executes at
 * the cross rate r = askRate / offerRate (A per O), and the next tally's rates give r'.
 *
 * - The rate move is m = 1 − r'/r: the fraction by which what the trader received lost value,
 *   per unit offered, when the next tally priced it.
 * - The swap was stale by more than its spread when m > spread: the comparison is made on the raw
 *   scaled integers, cross-multiplied, so it is exact at any magnitude.
 * - The profit is the value of what the trader received minus the value of what it gave, both at
 *   the next tally's rates, in uluna: received / askRate' − offered / offerRate' (and, for reading,
 *   the same in the offer denom: that times offerRate'). decimal.js at 80 significant digits keeps
 *   every value exact until the final rounding to 18 decimals (half even).
 */
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';
import { Decimal } from 'decimal.js';

/** 80 digits: the largest amounts (2^100) over the smallest rates (10^-18) need about 50. */
const Exact = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_EVEN });
type ExactValue = InstanceType<typeof Exact>;

export interface SwapPrices {
  readonly offerRate: Dec;
  readonly askRate: Dec;
}

/** m > spread, exactly: askRate'·offerRate·S < (S − spread)·askRate·offerRate' on the scaled integers. */
export function movedMoreThanSpread(options: {
  readonly executed: SwapPrices;
  readonly next: SwapPrices;
  readonly spread: Dec;
}): boolean {
  const { executed, next, spread } = options;
  const left = (next.askRate as bigint) * (executed.offerRate as bigint) * dec.SCALE;
  const right = (dec.SCALE - (spread as bigint)) * (executed.askRate as bigint) * (next.offerRate as bigint);
  return left < right;
}

/** m = 1 − r'/r, as canonical 18-decimal text (rounded half even). */
export function rateMove(executed: SwapPrices, next: SwapPrices): string {
  const ratio = exact(next.askRate)
    .mul(exact(executed.offerRate))
    .div(exact(executed.askRate).mul(exact(next.offerRate)));
  return new Exact(1).minus(ratio).toFixed(dec.PRECISION);
}

/** received / askRate' − offered / offerRate': the profit in uluna, exact (round it only to show it). */
export function profitUluna(options: {
  readonly offeredAmount: bigint;
  readonly receivedAmount: bigint;
  readonly next: SwapPrices;
}): ExactValue {
  const { offeredAmount, receivedAmount, next } = options;
  return new Exact(receivedAmount.toString())
    .div(exact(next.askRate))
    .minus(new Exact(offeredAmount.toString()).div(exact(next.offerRate)));
}

export function exactSum(values: readonly ExactValue[]): ExactValue {
  return values.reduce((sum, value) => sum.plus(value), new Exact(0));
}

export function inDenomOf(valueUluna: ExactValue, rate: Dec): ExactValue {
  return valueUluna.mul(exact(rate));
}

/** Canonical 18-decimal text of an exact value, rounded half even. */
export function decimalText(value: ExactValue): string {
  return value.toFixed(dec.PRECISION);
}

export type { ExactValue };

function exact(value: Dec): ExactValue {
  return new Exact(dec.format(value));
}

/**
 * The ballot's standard deviation around the median (spec §4.8 step 2): unweighted, over every
 * entry including zero-power ones, the root taken through binary64 and kept to 6 decimals.
 */
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';
import type { Ballot } from './ballot.js';
import { sqrtViaFloat } from './go-float.js';

/**
 * `StandardDeviation(median)`. Any Dec panic inside (a square that overflows the bit limit) is
 * recovered and gives 0, as the reference's deferred `recover` does.
 */
export function standardDeviation(ballot: Ballot, median: Dec): Dec {
  if (ballot.length === 0) return dec.ZERO;
  try {
    let sum = dec.ZERO;
    for (const vote of ballot) {
      const deviation = dec.sub(vote.exchangeRate, median);
      sum = dec.add(sum, dec.mul(deviation, deviation));
    }
    const variance = dec.quoInt(sum, BigInt(ballot.length));
    return sqrtViaFloat(variance);
  } catch (error) {
    if (error instanceof dec.DecPanic) return dec.ZERO;
    throw error;
  }
}

/**
 * `Tally` (spec §4.8): the median of one sorted ballot, the reward band around it, and the
 * winners' claims.
 */
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';
import type { Ballot } from './ballot.js';
import type { ClaimMap } from './claims.js';
import { standardDeviation } from './standard-deviation.js';
import { weightedMedianWithAssertion } from './weighted-median.js';

export interface TallyResult {
  readonly median: Dec;
  readonly standardDeviation: Dec;
  /** max(median · rewardBand/2, standard deviation): the half-width of the winning band. */
  readonly rewardSpread: Dec;
}

/**
 * Every vote inside `[median − spread, median + spread]` (inclusive), and every abstain (rate ≤ 0),
 * wins: its voter's claim gains the vote's power as weight and one win. Mutates `claims`.
 * CONTRACT: the ballot is sorted (asserted).
 */
export function tally(ballot: Ballot, rewardBand: Dec, claims: ClaimMap): TallyResult {
  const median = weightedMedianWithAssertion(ballot);
  const deviation = standardDeviation(ballot, median);
  const bandSpread = dec.mul(median, dec.quoInt(rewardBand, 2n));
  const rewardSpread = deviation > bandSpread ? deviation : bandSpread;
  const low = dec.sub(median, rewardSpread);
  const high = dec.add(median, rewardSpread);
  for (const vote of ballot) {
    const inBand = vote.exchangeRate >= low && vote.exchangeRate <= high;
    if (!inBand && vote.exchangeRate > 0n) continue;
    const claim = claims.get(vote.voter);
    // The reference reads a missing claim as a zero claim and stores it back.
    if (claim === undefined) {
      claims.set(vote.voter, { power: 0n, weight: vote.power, winCount: 1n });
    } else {
      claim.weight += vote.power;
      claim.winCount += 1n;
    }
  }
  return { median, standardDeviation: deviation, rewardSpread };
}

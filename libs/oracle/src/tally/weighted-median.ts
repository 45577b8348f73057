/**
 * The weighted median of a sorted ballot (spec §4.5): the first vote at which the running power
 * reaches ⌊total/2⌋. No interpolation, so it is always one of the submitted rates; biased low.
 */
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';
import { ballotPower, isBallotSorted, type Ballot } from './ballot.js';

/** `WeightedMedian`. CONTRACT: the ballot is sorted ascending by rate. An empty ballot gives 0. */
export function weightedMedian(ballot: Ballot): Dec {
  const halfPower = ballotPower(ballot) / 2n;
  let pivot = 0n;
  for (const vote of ballot) {
    pivot += vote.power;
    if (pivot >= halfPower) return vote.exchangeRate;
  }
  return dec.ZERO;
}

/** The reference's panic text for an unsorted ballot. */
export const BALLOT_MUST_BE_SORTED = 'ballot must be sorted';

/** `WeightedMedianWithAssertion`: throws (the reference panics) if the ballot is not sorted. */
export function weightedMedianWithAssertion(ballot: Ballot): Dec {
  if (!isBallotSorted(ballot)) throw new Error(BALLOT_MUST_BE_SORTED);
  return weightedMedian(ballot);
}

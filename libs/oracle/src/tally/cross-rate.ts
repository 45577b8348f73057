/**
 * Cross rates (spec §4.7): every denom but the reference Terra (RT) is tallied as
 * `voter's RT rate / voter's rate`, so each validator's vote is normalised by its own RT vote.
 */
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';
import { sortBallot, type Ballot, type BallotVote } from './ballot.js';

/** `ExchangeRateBallot.ToMap`: voter -> RT rate, keeping positive rates only. */
export function referenceVotesByVoter(referenceBallot: Ballot): Map<string, Dec> {
  const votes = new Map<string, Dec>();
  for (const vote of referenceBallot) {
    if (vote.exchangeRate > 0n) votes.set(vote.voter, vote.exchangeRate);
  }
  return votes;
}

/**
 * `ToCrossRateWithSort`: a voter with a positive RT vote and a positive rate gets
 * `rtRate.Quo(rate)` and keeps its power; anyone else becomes an abstain (rate 0, power 0).
 * The result is sorted. `Quo` can throw a `DecPanic` (the reference would panic too).
 */
export function toCrossRateWithSort(ballot: Ballot, referenceVotes: ReadonlyMap<string, Dec>): BallotVote[] {
  const cross = ballot.map((vote): BallotVote => {
    const referenceRate = referenceVotes.get(vote.voter);
    if (referenceRate !== undefined && vote.exchangeRate > 0n) {
      return { ...vote, exchangeRate: dec.quo(referenceRate, vote.exchangeRate) };
    }
    return { ...vote, exchangeRate: dec.ZERO, power: 0n };
  });
  return sortBallot(cross);
}

/**
 * A ballot: the votes for one denom (`ExchangeRateBallot`), each with its voter's power.
 */
import { compareStrings } from '@marketnode/staking';
import type { Dec } from '@marketnode/dec';

export interface BallotVote {
  readonly voter: string;
  readonly denom?: string;
  readonly exchangeRate: Dec;
  /** Consensus power of the voter; 0 for an abstain (rate 0) or a cross-rate non-match. */
  readonly power: bigint;
}

export type Ballot = readonly BallotVote[];

/** Σ power (`ExchangeRateBallot.Power`). */
export function ballotPower(ballot: Ballot): bigint {
  let total = 0n;
  for (const vote of ballot) total += vote.power;
  return total;
}

/**
 * Ascending by rate. The reference's `sort.Sort` is not stable, and nothing it computes depends on
 * the order of equal rates; ties are broken by voter here only so that the ballot itself is
 * reproducible, whatever order the votes arrived in.
 */
export function compareBallotVotes(a: BallotVote, b: BallotVote): number {
  if (a.exchangeRate !== b.exchangeRate) return a.exchangeRate < b.exchangeRate ? -1 : 1;
  return compareStrings(a.voter, b.voter);
}

/** A sorted copy. */
export function sortBallot(ballot: Ballot): BallotVote[] {
  return [...ballot].sort(compareBallotVotes);
}

/** `sort.IsSorted`: rates non-decreasing. */
export function isBallotSorted(ballot: Ballot): boolean {
  for (let index = 1; index < ballot.length; index += 1) {
    if ((ballot[index] as BallotVote).exchangeRate < (ballot[index - 1] as BallotVote).exchangeRate)
      return false;
  }
  return true;
}

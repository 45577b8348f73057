/**
 * `OrganizeBallotByDenom` (spec §4.4 step 4): the stored votes of the active set, split by denom.
 */
import type { OracleState } from '../state.js';
import { sortBallot, type Ballot, type BallotVote } from './ballot.js';
import type { ClaimMap } from './claims.js';

/**
 * One sorted ballot per denom. Votes of validators without a claim (not bonded, jailed, outside the
 * active set) are ignored; an abstain (rate ≤ 0) carries no power.
 */
export function organizeBallotsByDenom(oracle: OracleState, claims: ClaimMap): Map<string, Ballot> {
  const unsorted = new Map<string, BallotVote[]>();
  for (const [voter, vote] of oracle.votes) {
    const claim = claims.get(voter);
    if (claim === undefined) continue;
    for (const tuple of vote.exchangeRates) {
      const power = tuple.exchangeRate > 0n ? claim.power : 0n;
      let ballot = unsorted.get(tuple.denom);
      if (ballot === undefined) {
        ballot = [];
        unsorted.set(tuple.denom, ballot);
      }
      ballot.push({ voter, denom: tuple.denom, exchangeRate: tuple.exchangeRate, power });
    }
  }
  const ballots = new Map<string, Ballot>();
  for (const [denom, ballot] of unsorted) ballots.set(denom, sortBallot(ballot));
  return ballots;
}

/**
 * The vote threshold and the choice of the reference Terra (spec §4.6).
 */
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';
import { POWER_REDUCTION, compareStrings, totalBondedTokens, type StakingState } from '@marketnode/staking';
import { ballotPower, type Ballot } from './ballot.js';

/** `VoteThreshold.MulInt64(TotalBondedTokens / 10^6).RoundInt()` (half to even). */
export function thresholdVotes(staking: StakingState, voteThreshold: Dec): bigint {
  const totalBondedPower = totalBondedTokens(staking) / POWER_REDUCTION;
  return dec.roundInt(dec.mulInt(voteThreshold, totalBondedPower));
}

/** A ballot passes with non-zero power of at least the threshold. */
export function isBallotPassing(ballot: Ballot, threshold: bigint): boolean {
  const power = ballotPower(ballot);
  return power !== 0n && power >= threshold;
}

/**
 * `PickReferenceTerra`. Drops the ballots of denoms that are not vote targets, and drops failing
 * ballots from both `ballots` and `voteTargets` (so nobody misses for them). Returns the passing
 * denom with the most ballot power, ties to the alphabetically smallest, or `""`. Mutates both maps;
 * the result does not depend on their iteration order.
 */
export function pickReferenceTerra(options: {
  readonly ballots: Map<string, Ballot>;
  readonly voteTargets: Map<string, Dec>;
  readonly threshold: bigint;
}): string {
  const { ballots, voteTargets, threshold } = options;
  let referenceTerra = '';
  let largestPower = 0n;
  for (const denom of [...ballots.keys()].sort(compareStrings)) {
    const ballot = ballots.get(denom) as Ballot;
    if (!voteTargets.has(denom)) {
      ballots.delete(denom);
      continue;
    }
    if (!isBallotPassing(ballot, threshold)) {
      voteTargets.delete(denom);
      ballots.delete(denom);
      continue;
    }
    const power = ballotPower(ballot);
    // Denoms are visited in ascending order, so a tie keeps the smaller denom already chosen.
    if (power > largestPower) {
      referenceTerra = denom;
      largestPower = power;
    }
  }
  return referenceTerra;
}

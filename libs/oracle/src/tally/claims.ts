/**
 * Claims (spec §4.4 step 1): one per validator of the active set, collecting the weight (power of
 * its winning votes) and the number of ballots it won in this vote period.
 */
import { consensusPower, validatorsByPower, type StakingState } from '@marketnode/staking';

export interface Claim {
  readonly power: bigint;
  weight: bigint;
  winCount: bigint;
}

/** operator -> claim, in the order of the active set (power descending, operator ascending). */
export type ClaimMap = Map<string, Claim>;

/** The bonded validators of the active set, each with a fresh claim. */
export function buildClaims(staking: StakingState): ClaimMap {
  const claims: ClaimMap = new Map();
  for (const validator of validatorsByPower(staking)) {
    claims.set(validator.operator, { power: consensusPower(validator), weight: 0n, winCount: 0n });
  }
  return claims;
}

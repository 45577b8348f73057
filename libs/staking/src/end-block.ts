/**
 * The part of the staking EndBlocker the oracle depends on: a validator jailed during the block
 * leaves the bonded set in the same block (spec §5), so it gets no claim in the next tally.
 */
import { compareStrings, type StakingState } from './staking-state.js';

/**
 * Moves every jailed bonded validator to `unbonding` and returns their operators, sorted.
 *
 * Simplifications: the rest of the set update (a validator falling out of the top `maxValidators`,
 * one entering it) and the end of unbonding are not modelled; tokens stay in the bonded pool account.
 */
export function stakingEndBlock(staking: StakingState): string[] {
  const unbonded: string[] = [];
  for (const validator of staking.validators.values()) {
    if (validator.status === 'bonded' && validator.jailed) {
      validator.status = 'unbonding';
      unbonded.push(validator.operator);
    }
  }
  return unbonded.sort(compareStrings);
}

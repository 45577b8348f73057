/**
 * The validator set: every validator by operator address, and the cap on the bonded set.
 */
import { consensusPower, isBonded, type Validator } from './validator.js';

export interface StakingState {
  /** operator address -> validator. */
  readonly validators: Map<string, Validator>;
  /** `MaxValidators`: the size of the active set. */
  maxValidators: number;
}

/** The reference's default `MaxValidators` (columbus-5 ran 130). */
export const DEFAULT_MAX_VALIDATORS = 130;

export function createStakingState(options: { maxValidators?: number } = {}): StakingState {
  const maxValidators = options.maxValidators ?? DEFAULT_MAX_VALIDATORS;
  if (!Number.isSafeInteger(maxValidators) || maxValidators < 0) {
    throw new RangeError(`maxValidators must be a non-negative integer, got ${maxValidators}`);
  }
  return { validators: new Map(), maxValidators };
}

/**
 * `TotalBondedTokens`: the stake of every bonded validator. A validator jailed in this block is
 * still bonded (and counted) until `stakingEndBlock` moves it to unbonding, as in the reference,
 * where its tokens stay in the bonded pool until the staking EndBlocker.
 */
export function totalBondedTokens(staking: StakingState): bigint {
  let total = 0n;
  for (const validator of staking.validators.values()) {
    if (isBonded(validator)) total += validator.tokens;
  }
  return total;
}

/**
 * The active set as the reference's `ValidatorsPowerStoreIterator` yields it to the oracle: bonded
 * validators by consensus power, descending, ties by operator address ascending, at most
 * `maxValidators`. Jailed validators are left out because jailing removes a validator from the
 * power index at once (`DeleteValidatorByPowerIndex`), before the set update.
 *
 * Sorted explicitly so that the result never depends on the Map's insertion history.
 */
export function validatorsByPower(staking: StakingState): Validator[] {
  const active: { validator: Validator; power: bigint }[] = [];
  for (const validator of staking.validators.values()) {
    if (isBonded(validator) && !validator.jailed)
      active.push({ validator, power: consensusPower(validator) });
  }
  active.sort((a, b) => {
    if (a.power !== b.power) return a.power > b.power ? -1 : 1;
    return compareStrings(a.validator.operator, b.validator.operator);
  });
  return active.slice(0, staking.maxValidators).map((entry) => entry.validator);
}

/** Code-unit order, the same as byte order for the ASCII addresses used here. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

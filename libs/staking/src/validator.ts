/**
 * A validator as the oracle sees it: an operator address, its own account (the default oracle
 * feeder), its bonded stake in uluna, its bonding status and whether it is jailed.
 */

export type ValidatorStatus = 'bonded' | 'unbonding' | 'unbonded';

export interface Validator {
  /** Valoper address (`terravaloper1...`). */
  readonly operator: string;
  /** The operator's own account (`terra1...`, same key): the default oracle feeder. */
  readonly account: string;
  /** Stake in uluna. */
  tokens: bigint;
  status: ValidatorStatus;
  jailed: boolean;
}

/** `sdk.DefaultPowerReduction`: uluna per unit of consensus power. */
export const POWER_REDUCTION = 1_000_000n;

/** `GetConsensusPower(PowerReduction)`: tokens / 10^6, truncated. */
export function consensusPower(validator: Validator): bigint {
  return validator.tokens / POWER_REDUCTION;
}

/** `IsBonded()`: a jailed validator stays bonded until the staking end block moves it out. */
export function isBonded(validator: Validator): boolean {
  return validator.status === 'bonded';
}

/**
 * Builders for given/when/then tests: a validator set, an oracle store, a bank with a reward pool,
 * and votes put straight into the store (the tally reads only the store).
 */
import * as bank from '@marketnode/bank';
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';
import { POWER_REDUCTION, createStakingState, type StakingState } from '@marketnode/staking';
import {
  DEFAULT_ORACLE_PARAMS,
  createOracleState,
  type OracleEndBlockContext,
  type OracleParams,
  type OracleState,
} from '../../src/index.js';

export const TOBIN_TAX = dec.parse('0.0025');

/** The params of the upstream abci tests (vote period 1, window 100) used by most vectors. */
export const ABCI_TEST_PARAMS: OracleParams = {
  ...DEFAULT_ORACLE_PARAMS,
  votePeriod: 1n,
  voteThreshold: dec.parse('0.5'),
  rewardBand: dec.parse('0.02'),
  rewardDistributionWindow: 100n,
  slashWindow: 100n,
  slashFraction: dec.parse('0.0001'),
  minValidPerWindow: dec.parse('0.05'),
};

export function accountOf(operator: string): string {
  return `account:${operator}`;
}

export interface ScenarioOptions {
  readonly params?: OracleParams;
  /** operator -> consensus power (tokens = power · 10^6). */
  readonly powers: Readonly<Record<string, number>>;
  /** The current vote targets; defaults to the whitelist. */
  readonly voteTargets?: readonly string[];
  /** Oracle reward pool, denom -> amount. */
  readonly pool?: Readonly<Record<string, bigint>>;
}

export function scenario(options: ScenarioOptions): OracleEndBlockContext {
  const params = options.params ?? ABCI_TEST_PARAMS;
  const staking = validatorSet(options.powers);
  const bankState = bank.createBank();
  for (const validator of staking.validators.values()) {
    bank.mint(bankState, bank.MODULE_ACCOUNTS.bondedPool, 'uluna', validator.tokens);
  }
  for (const [denom, amount] of Object.entries(options.pool ?? {})) {
    bank.mint(bankState, bank.MODULE_ACCOUNTS.oracle, denom, amount);
  }
  const tobinTaxes =
    options.voteTargets === undefined
      ? undefined
      : new Map(options.voteTargets.map((denom): [string, Dec] => [denom, TOBIN_TAX]));
  const oracle = createOracleState(params, tobinTaxes === undefined ? {} : { tobinTaxes });
  return { oracle, staking, bank: bankState };
}

export function validatorSet(powers: Readonly<Record<string, number>>): StakingState {
  const staking = createStakingState();
  for (const [operator, power] of Object.entries(powers)) {
    staking.validators.set(operator, {
      operator,
      account: accountOf(operator),
      tokens: BigInt(power) * POWER_REDUCTION,
      status: 'bonded',
      jailed: false,
    });
  }
  return staking;
}

/** voter -> denom -> rate text; stored as aggregate votes, as a successful reveal would. */
export function storeVotes(
  oracle: OracleState,
  votes: Readonly<Record<string, Readonly<Record<string, string>>>>,
): void {
  for (const [voter, rates] of Object.entries(votes)) {
    const exchangeRates = Object.entries(rates).map(([denom, rate]) => ({
      denom,
      exchangeRate: dec.parse(rate),
    }));
    oracle.votes.set(voter, { exchangeRates });
  }
}

/** A Dec from its text, for readable expectations. */
export function d(text: string): Dec {
  return dec.parse(text);
}

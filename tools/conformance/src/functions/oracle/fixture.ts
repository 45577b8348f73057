/**
 * The state an oracle case runs on: a real validator set, a bank whose bonded pool holds the stake
 * and whose oracle account holds the reward pool, and an oracle store with the case's vote targets
 * and votes.
 */
import * as bank from '@marketnode/bank';
import * as dec from '@marketnode/dec';
import {
  createOracleState,
  type ExchangeRateTuple,
  type OracleEndBlockContext,
  type OracleParams,
  type OracleState,
} from '@marketnode/oracle';
import { POWER_REDUCTION, createStakingState, type StakingState } from '@marketnode/staking';
import { has, InputError, integer, integerMap, list, object } from '../../inputs.js';
import type { JsonObject } from '../../vector-file.js';
import { ABCI_FIXTURE_POWERS, whitelistOf } from './params.js';

/**
 * Stands for the bonded stake a case counts in `total_bonded_power` beyond its listed validators.
 * The `~` sorts it after any validator name a case uses.
 */
const BONDED_FILLER = '~bonded-outside-the-active-set';

/** A validator's own account, its default feeder. */
export function accountOf(operator: string): string {
  return `account:${operator}`;
}

/** operator -> stake in uluna, from `validators_power`, else the abci fixture's three of power 10. */
export function validatorTokens(inputs: JsonObject): Map<string, bigint> {
  const powers = has(inputs, 'validators_power')
    ? integerMap(inputs, 'validators_power')
    : ABCI_FIXTURE_POWERS;
  const tokens = new Map<string, bigint>();
  for (const [operator, power] of powers) tokens.set(operator, power * POWER_REDUCTION);
  return tokens;
}

/** `{denom: amount}` of the oracle reward pool (`oracle_reward_pool` or `oracle_pool`), or empty. */
export function rewardPool(inputs: JsonObject): Map<string, bigint> {
  if (has(inputs, 'oracle_reward_pool')) return integerMap(inputs, 'oracle_reward_pool');
  return has(inputs, 'oracle_pool') ? integerMap(inputs, 'oracle_pool') : new Map();
}

/** `vote_targets`, else the whitelist of `params` (what genesis makes the vote targets). */
export function voteTargets(inputs: JsonObject, params: OracleParams): string[] {
  if (!has(inputs, 'vote_targets')) return params.whitelist.map((item) => item.name);
  return list(inputs, 'vote_targets').map((denom) => {
    if (typeof denom !== 'string') throw new InputError('input "vote_targets" must hold denoms');
    return denom;
  });
}

export interface ScenarioOptions {
  readonly params: OracleParams;
  /** operator -> stake in uluna; every listed validator is bonded and not jailed. */
  readonly tokens: ReadonlyMap<string, bigint>;
  /** The bonded power the threshold is taken of; at least the listed validators' power. */
  readonly totalBondedPower?: bigint;
  /** The current vote targets, and the whitelist, so that they stay the targets. */
  readonly voteTargets: readonly string[];
  readonly rewardPool?: ReadonlyMap<string, bigint>;
}

export function createScenario(options: ScenarioOptions): OracleEndBlockContext {
  const staking = createStakingState();
  for (const [operator, tokens] of options.tokens) addValidator(staking, operator, tokens);
  if (options.totalBondedPower !== undefined) addBondedFiller(staking, options.totalBondedPower);
  const bankState = bank.createBank();
  for (const validator of staking.validators.values()) {
    bank.mint(bankState, bank.MODULE_ACCOUNTS.bondedPool, 'uluna', validator.tokens);
  }
  for (const [denom, amount] of options.rewardPool ?? []) {
    bank.mint(bankState, bank.MODULE_ACCOUNTS.oracle, denom, amount);
  }
  const whitelist = whitelistOf(options.voteTargets);
  const oracle = createOracleState(
    { ...options.params, whitelist },
    { tobinTaxes: new Map(whitelist.map((item) => [item.name, item.tobinTax])) },
  );
  return { oracle, staking, bank: bankState };
}

function addValidator(staking: StakingState, operator: string, tokens: bigint): void {
  staking.validators.set(operator, {
    operator,
    account: accountOf(operator),
    tokens,
    status: 'bonded',
    jailed: false,
  });
}

/**
 * Makes the bonded total `totalBondedPower` when it exceeds the listed validators' power. The rest
 * is one validator that is bonded but jailed: the threshold counts it (`TotalBondedTokens` is the
 * bonded pool's balance, which keeps a jailed validator's stake until the staking end block), while
 * the active set, and so the claim map, leaves it out (jailing removes it from the power index),
 * whatever its power. A `maxValidators` cap would only leave it out when its power ranked last.
 */
function addBondedFiller(staking: StakingState, totalBondedPower: bigint): void {
  let listedPower = 0n;
  for (const validator of staking.validators.values()) listedPower += validator.tokens / POWER_REDUCTION;
  const missingPower = totalBondedPower - listedPower;
  if (missingPower < 0n) {
    throw new InputError(
      `total_bonded_power ${totalBondedPower} is less than the listed validators' ${listedPower}`,
    );
  }
  if (missingPower === 0n) return;
  addValidator(staking, BONDED_FILLER, missingPower * POWER_REDUCTION);
  const filler = staking.validators.get(BONDED_FILLER);
  if (filler !== undefined) filler.jailed = true;
}

/** The abci tests' state: validators, bonded total, vote targets and reward pool of the case. */
export function scenarioFromInputs(inputs: JsonObject, params: OracleParams): OracleEndBlockContext {
  return createScenario({
    params,
    tokens: validatorTokens(inputs),
    ...(has(inputs, 'total_bonded_power') ? { totalBondedPower: integer(inputs, 'total_bonded_power') } : {}),
    voteTargets: voteTargets(inputs, params),
    rewardPool: rewardPool(inputs),
  });
}

/** `votes`: voter -> `{denom: rate}`, in the order of the file. */
export function votesInput(inputs: JsonObject): Map<string, ExchangeRateTuple[]> {
  const votes = new Map<string, ExchangeRateTuple[]>();
  if (!has(inputs, 'votes')) return votes;
  const given = object(inputs, 'votes');
  for (const voter of Object.keys(given)) {
    const rates = object(given, voter);
    const tuples = Object.keys(rates).map((denom): ExchangeRateTuple => {
      const rate = rates[denom];
      if (typeof rate !== 'string') throw new InputError(`input "votes.${voter}.${denom}" must be a decimal`);
      return { denom, exchangeRate: dec.parse(rate) };
    });
    votes.set(voter, tuples);
  }
  return votes;
}

/**
 * Puts the votes into the store as a successful reveal leaves them (`submitVote` checks them and
 * stores exactly this); the tally reads nothing else of a vote.
 */
export function storeVotes(
  oracle: OracleState,
  votes: ReadonlyMap<string, readonly ExchangeRateTuple[]>,
): void {
  for (const [voter, exchangeRates] of votes) oracle.votes.set(voter, { exchangeRates });
}

/**
 * Oracle parameters from a case's inputs, over the fixture of the upstream test the function comes
 * from when the case leaves a parameter out.
 */
import * as dec from '@marketnode/dec';
import { DEFAULT_ORACLE_PARAMS, type OracleParams, type WhitelistItem } from '@marketnode/oracle';
import { decimal, has, integer, object } from '../../inputs.js';
import type { JsonObject } from '../../vector-file.js';

/**
 * `x/oracle/abci_test.go`'s `setup`: the code defaults with a vote period of 1 and slash and reward
 * windows of 100. The base of the `EndBlocker (...)` functions; the keeper and type tests use the
 * code defaults (`DEFAULT_ORACLE_PARAMS`).
 */
export const ABCI_FIXTURE_PARAMS: OracleParams = Object.freeze({
  ...DEFAULT_ORACLE_PARAMS,
  votePeriod: 1n,
  rewardDistributionWindow: 100n,
  slashWindow: 100n,
});

/** The abci tests' validators: three of power 10. */
export const ABCI_FIXTURE_POWERS: ReadonlyMap<string, bigint> = new Map([
  ['val0', 10n],
  ['val1', 10n],
  ['val2', 10n],
]);

/** `types.DefaultTobinTax`, for a vote target the default whitelist does not list. */
const DEFAULT_TOBIN_TAX = dec.fromIntWithPrec(25, 4);

/** A parameter from the case's `params` object, else from its top-level inputs, else `fallback`. */
function integerParam(inputs: JsonObject, key: string, fallback: bigint): bigint {
  const given = has(inputs, 'params') ? object(inputs, 'params') : {};
  if (has(given, key)) return integer(given, key);
  return has(inputs, key) ? integer(inputs, key) : fallback;
}

function decParam(inputs: JsonObject, key: string, fallback: dec.Dec): dec.Dec {
  const given = has(inputs, 'params') ? object(inputs, 'params') : {};
  if (has(given, key)) return decimal(given, key);
  return has(inputs, key) ? decimal(inputs, key) : fallback;
}

/**
 * The case's parameters (snake_case keys, in `params` or at the top level) over `base`. Not
 * validated: a case may use values the genesis rules reject but a parameter change accepts.
 */
export function oracleParams(inputs: JsonObject, base: OracleParams): OracleParams {
  return {
    ...base,
    votePeriod: integerParam(inputs, 'vote_period', base.votePeriod),
    voteThreshold: decParam(inputs, 'vote_threshold', base.voteThreshold),
    rewardBand: decParam(inputs, 'reward_band', base.rewardBand),
    rewardDistributionWindow: integerParam(
      inputs,
      'reward_distribution_window',
      base.rewardDistributionWindow,
    ),
    slashFraction: decParam(inputs, 'slash_fraction', base.slashFraction),
    slashWindow: integerParam(inputs, 'slash_window', base.slashWindow),
    minValidPerWindow: decParam(inputs, 'min_valid_per_window', base.minValidPerWindow),
  };
}

/**
 * A whitelist of exactly these denoms, with the default whitelist's tobin taxes. The upstream tests
 * set the whitelist to the vote targets, so that `ApplyWhitelist` keeps the targets from one period
 * to the next instead of restoring the four default denoms.
 */
export function whitelistOf(denoms: readonly string[]): WhitelistItem[] {
  return denoms.map((name) => ({
    name,
    tobinTax:
      DEFAULT_ORACLE_PARAMS.whitelist.find((item) => item.name === name)?.tobinTax ?? DEFAULT_TOBIN_TAX,
  }));
}

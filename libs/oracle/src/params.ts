/**
 * Oracle parameters (subspace `oracle`, spec §4.1) and their validation at the edge.
 */
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';

export interface WhitelistItem {
  readonly name: string;
  readonly tobinTax: Dec;
}

export interface OracleParams {
  /** Blocks per vote period. */
  readonly votePeriod: bigint;
  /** Share of the bonded power a ballot needs to pass. */
  readonly voteThreshold: Dec;
  /** Width of the winning band around the median (half on each side). */
  readonly rewardBand: Dec;
  /** Blocks over which the reward pool is paid out (each period pays votePeriod/window of it). */
  readonly rewardDistributionWindow: bigint;
  /** Denoms to vote on, copied to the vote targets at the end of each vote period. */
  readonly whitelist: readonly WhitelistItem[];
  readonly slashFraction: Dec;
  /** Blocks per slash window. */
  readonly slashWindow: bigint;
  /** Least share of valid vote periods per slash window that avoids a slash. */
  readonly minValidPerWindow: Dec;
  /** Longest vote salt in bytes (the reference hard-codes 4). */
  readonly saltLengthMax: number;
}

/** `types/util/blocks.go`. */
export const BLOCKS_PER_MINUTE = 10n;
export const BLOCKS_PER_WEEK = 100_800n;
export const BLOCKS_PER_YEAR = 5_256_000n;

/** The reference's salt rule: 1 to 4 bytes. */
export const SALT_LENGTH_MAX_REFERENCE = 4;

const DEFAULT_TOBIN_TAX = dec.fromIntWithPrec(25, 4);

/** Defaults in code, v0.5.18 (`types/params.go`). Mainnet values differ (spec §7). */
export const DEFAULT_ORACLE_PARAMS: OracleParams = Object.freeze({
  votePeriod: BLOCKS_PER_MINUTE / 2n,
  voteThreshold: dec.fromIntWithPrec(50, 2),
  rewardBand: dec.fromIntWithPrec(2, 2),
  rewardDistributionWindow: BLOCKS_PER_YEAR,
  whitelist: Object.freeze([
    Object.freeze({ name: 'ukrw', tobinTax: DEFAULT_TOBIN_TAX }),
    Object.freeze({ name: 'usdr', tobinTax: DEFAULT_TOBIN_TAX }),
    Object.freeze({ name: 'uusd', tobinTax: DEFAULT_TOBIN_TAX }),
    Object.freeze({ name: 'umnt', tobinTax: dec.mulInt(DEFAULT_TOBIN_TAX, 8n) }),
  ]),
  slashFraction: dec.fromIntWithPrec(1, 4),
  slashWindow: BLOCKS_PER_WEEK,
  minValidPerWindow: dec.fromIntWithPrec(5, 2),
  saltLengthMax: SALT_LENGTH_MAX_REFERENCE,
});

const UINT64_MAX = (1n << 64n) - 1n;
/** Go casts VotePeriod and the windows to int64 in the tally. */
const INT64_MAX = (1n << 63n) - 1n;
const VOTE_THRESHOLD_MIN_EXCLUSIVE = dec.fromIntWithPrec(33, 2);

/**
 * `Params.Validate` (the genesis rules, the stricter of the reference's two validators: a vote
 * threshold above 0.33, windows not shorter than the vote period), plus the bounds this
 * implementation relies on (threshold at most 1, no uluna in the whitelist, a positive salt limit). Returns every problem found, or an empty list.
 *
 * The window rules matter at run time: `SlashWindow < VotePeriod` would make the slash divide by
 * zero, and `RewardDistributionWindow < VotePeriod` would pay out more than the pool holds.
 */
export function validateOracleParams(params: OracleParams): string[] {
  const problems: string[] = [];
  if (params.votePeriod <= 0n || params.votePeriod > INT64_MAX) {
    problems.push(`oracle parameter VotePeriod must be > 0, is ${params.votePeriod}`);
  }
  if (params.voteThreshold <= VOTE_THRESHOLD_MIN_EXCLUSIVE || params.voteThreshold > dec.ONE) {
    problems.push('oracle parameter VoteThreshold must be greater than 33 percent and at most 1');
  }
  if (!isUnitInterval(params.rewardBand)) problems.push('oracle parameter RewardBand must be between [0, 1]');
  if (params.rewardDistributionWindow < params.votePeriod || params.rewardDistributionWindow > INT64_MAX) {
    problems.push(
      'oracle parameter RewardDistributionWindow must be greater than or equal with votes period',
    );
  }
  if (!isUnitInterval(params.slashFraction)) {
    problems.push('oracle parameter SlashFraction must be between [0, 1]');
  }
  if (params.slashWindow < params.votePeriod || params.slashWindow > UINT64_MAX) {
    problems.push('oracle parameter SlashWindow must be greater than or equal with votes period');
  }
  if (!isUnitInterval(params.minValidPerWindow)) {
    problems.push('oracle parameter MinValidPerWindow must be between [0, 1]');
  }
  for (const item of params.whitelist) {
    if (!isUnitInterval(item.tobinTax)) {
      problems.push('oracle parameter Whitelist Denom must have TobinTax between [0, 1]');
    }
    if (item.name.length === 0) problems.push('oracle parameter Whitelist Denom must have name');
    // Not a reference rule: uluna's rate is fixed at 1, and a whitelisted uluna would be paid twice
    // in the rewards (listed both as the base denom and as a target), which can exceed the pool.
    if (item.name === 'uluna') problems.push('oracle parameter Whitelist must not contain uluna');
  }
  if (!Number.isSafeInteger(params.saltLengthMax) || params.saltLengthMax < 1) {
    problems.push(`oracle parameter SaltLengthMax must be a positive integer, is ${params.saltLengthMax}`);
  }
  return problems;
}

function isUnitInterval(value: Dec): boolean {
  return value >= 0n && value <= dec.ONE;
}

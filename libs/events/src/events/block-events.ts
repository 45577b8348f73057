/**
 * What the end of a block decided, one fact per event, in classic-core's EndBlocker order (§5):
 * the oracle's tally and slash window, the pools' replenishment, the reserve's day window, the
 * validators leaving the bonded set, and last `BlockEnded` with the engine's clock.
 */
import type { Coin, Dec, DecCoin } from '@marketnode/dec';
import type { ExchangeRateEntry } from './oracle-events.js';

export interface BallotTally {
  readonly denom: string;
  readonly median: Dec;
  readonly standardDeviation: Dec;
  readonly rewardSpread: Dec;
}

export interface RateFailureEntry {
  readonly denom: string;
  readonly reason: string;
}

export interface ClaimEntry {
  readonly operator: string;
  readonly power: bigint;
  readonly weight: bigint;
  readonly winCount: bigint;
}

export interface ValidatorRewardEntry {
  readonly operator: string;
  readonly coins: readonly Coin[];
}

/** The last block of a vote period: every older rate was deleted and these were set. */
export interface ExchangeRatesTallied {
  readonly type: 'ExchangeRatesTallied';
  readonly height: bigint;
  /** `""` when no ballot passed (then no rate is set at all). */
  readonly referenceTerra: string;
  readonly thresholdVotes: bigint;
  /** Sorted by denom. */
  readonly exchangeRates: readonly ExchangeRateEntry[];
  readonly ballots: readonly BallotTally[];
  /** Passing denoms left without a rate where the reference would have panicked. */
  readonly rateFailures: readonly RateFailureEntry[];
  readonly claims: readonly ClaimEntry[];
  readonly voteTargets: readonly string[];
  readonly missCountersIncremented: readonly string[];
  readonly periodRewards: readonly DecCoin[];
  readonly rewardsToValidators: readonly ValidatorRewardEntry[];
  readonly whitelistApplied: boolean;
}

export interface MissCounterVerdictEntry {
  readonly operator: string;
  readonly missCounter: bigint;
  readonly validRate: Dec;
  readonly slashed: boolean;
  readonly slashedAmount: bigint;
}

/** The last block of a slash window: every miss counter was judged, then reset. */
export interface SlashWindowEnded {
  readonly type: 'SlashWindowEnded';
  readonly height: bigint;
  readonly verdicts: readonly MissCounterVerdictEntry[];
}

export interface ValidatorSlashed {
  readonly type: 'ValidatorSlashed';
  readonly height: bigint;
  readonly operator: string;
  readonly validRate: Dec;
  /** uluna burned from its stake. */
  readonly amount: bigint;
}

export interface ValidatorJailed {
  readonly type: 'ValidatorJailed';
  readonly height: bigint;
  readonly operator: string;
}

/** Every block: each delta regressed toward zero by its own recovery period. */
export interface PoolsReplenished {
  readonly type: 'PoolsReplenished';
  readonly height: bigint;
  readonly marketRegressionUsdr: Dec;
  readonly marketDeltaAfterUsdr: Dec;
  readonly reserveEntryRegressionUst: Dec;
  readonly reserveEntryDeltaAfterUst: Dec;
  readonly reserveExitRegressionUst: Dec;
  readonly reserveExitDeltaAfterUst: Dec;
}

/** The last block of a day window: the next window's redemption cap is based on this inventory. */
export interface ReserveDayRolled {
  readonly type: 'ReserveDayRolled';
  readonly height: bigint;
  readonly dayIndex: bigint;
  readonly dayCapBaseBtc: bigint;
  readonly dailyCapBtc: bigint;
}

/** A validator jailed in this block left the bonded set. */
export interface ValidatorUnbonded {
  readonly type: 'ValidatorUnbonded';
  readonly height: bigint;
  readonly operator: string;
}

export interface BlockEnded {
  readonly type: 'BlockEnded';
  readonly height: bigint;
  readonly timeMs: bigint;
}

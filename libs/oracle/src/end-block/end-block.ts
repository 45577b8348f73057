/**
 * The oracle EndBlocker (spec §4.4), steps 1–10 at the last block of each vote period and step 11
 * at the last block of each slash window, returning everything it decided as one report.
 */
import type { Dec, DecCoin } from '@marketnode/dec';
import { compareStrings } from '@marketnode/staking';
import type { OracleEndBlockContext } from '../context.js';
import type { ExchangeRateTuple } from '../state.js';
import { buildClaims, type Claim, type ClaimMap } from '../tally/claims.js';
import { organizeBallotsByDenom } from '../tally/organize-ballots.js';
import { pickReferenceTerra, thresholdVotes } from '../tally/reference-terra.js';
import { isPeriodLastBlock } from '../timing.js';
import { applyWhitelist } from './apply-whitelist.js';
import { clearBallots } from './clear-ballots.js';
import { tallyExchangeRates, type BallotOutcome, type RateFailure } from './exchange-rates.js';
import { countMisses } from './miss-counting.js';
import { rewardBallotWinners, type ValidatorReward } from './rewards.js';
import { slashAndResetMissCounters, type MissCounterVerdict } from './slash-window.js';

export interface ClaimReport {
  readonly operator: string;
  readonly power: bigint;
  readonly weight: bigint;
  readonly winCount: bigint;
}

export interface SlashRecord {
  readonly operator: string;
  readonly validRate: Dec;
  readonly amount: bigint;
}

/** Per-validator lists are sorted by operator, per-denom lists by denom. */
export interface OracleEndBlockReport {
  readonly height: bigint;
  /** Whether this was the last block of a vote period (steps 1–10 ran). */
  readonly tallied: boolean;
  readonly thresholdVotes: bigint;
  /** `""` when no ballot passed. */
  readonly referenceTerra: string;
  /** The rates now stored (every older rate was deleted). */
  readonly exchangeRates: readonly ExchangeRateTuple[];
  readonly ballots: readonly BallotOutcome[];
  /** Passing denoms left without a rate where the reference would have panicked. */
  readonly rateFailures: readonly RateFailure[];
  readonly claims: readonly ClaimReport[];
  readonly voteTargetsAfterPick: readonly string[];
  readonly missCountersIncremented: readonly string[];
  readonly periodRewards: readonly DecCoin[];
  readonly rewardsToValidators: readonly ValidatorReward[];
  /** Whether ApplyWhitelist rewrote the vote targets. */
  readonly whitelistApplied: boolean;
  readonly slashWindowEnded: boolean;
  readonly missCounterVerdicts: readonly MissCounterVerdict[];
  readonly slashed: readonly SlashRecord[];
  readonly jailed: readonly string[];
}

type VotePeriodReport = Omit<
  OracleEndBlockReport,
  'height' | 'slashWindowEnded' | 'missCounterVerdicts' | 'slashed' | 'jailed'
>;

/** What a block that does not end a vote period reports. */
function noTally(): VotePeriodReport {
  return {
    tallied: false,
    thresholdVotes: 0n,
    referenceTerra: '',
    exchangeRates: [],
    ballots: [],
    rateFailures: [],
    claims: [],
    voteTargetsAfterPick: [],
    missCountersIncremented: [],
    periodRewards: [],
    rewardsToValidators: [],
    whitelistApplied: false,
  };
}

export function oracleEndBlock(context: OracleEndBlockContext, height: bigint): OracleEndBlockReport {
  const params = context.oracle.params;
  const votePeriod = isPeriodLastBlock(height, params.votePeriod)
    ? endVotePeriod(context, height)
    : noTally();
  if (!isPeriodLastBlock(height, params.slashWindow)) {
    return {
      height,
      ...votePeriod,
      slashWindowEnded: false,
      missCounterVerdicts: [],
      slashed: [],
      jailed: [],
    };
  }
  const { verdicts } = slashAndResetMissCounters(context);
  const slashed = verdicts
    .filter((verdict) => verdict.slashed)
    .map((verdict): SlashRecord => ({
      operator: verdict.operator,
      validRate: verdict.validRate,
      amount: verdict.slashedAmount,
    }));
  const jailed = slashed.map((record) => record.operator);
  return { height, ...votePeriod, slashWindowEnded: true, missCounterVerdicts: verdicts, slashed, jailed };
}

/** Steps 1–10, in the reference's order. */
function endVotePeriod(context: OracleEndBlockContext, height: bigint): VotePeriodReport {
  const { oracle, staking } = context;
  const claims = buildClaims(staking);
  const voteTargets = new Map<string, Dec>(oracle.tobinTaxes);
  oracle.exchangeRates.clear();
  const ballots = organizeBallotsByDenom(oracle, claims);
  const threshold = thresholdVotes(staking, oracle.params.voteThreshold);
  const referenceTerra = pickReferenceTerra({ ballots, voteTargets, threshold });
  const rates =
    referenceTerra === ''
      ? { exchangeRates: [], ballots: [], failures: [] }
      : tallyExchangeRates({ ballots, referenceTerra, rewardBand: oracle.params.rewardBand, claims });
  for (const tuple of rates.exchangeRates) oracle.exchangeRates.set(tuple.denom, tuple.exchangeRate);
  const missCountersIncremented = countMisses(oracle, { claims, voteTargetCount: voteTargets.size });
  const voteTargetsAfterPick = [...voteTargets.keys()].sort(compareStrings);
  const rewards = rewardBallotWinners(context, {
    votePeriod: oracle.params.votePeriod,
    rewardDistributionWindow: oracle.params.rewardDistributionWindow,
    voteTargets: voteTargetsAfterPick,
    claims,
  });
  clearBallots(oracle, height);
  const whitelistApplied = applyWhitelist(oracle, voteTargets);
  return {
    tallied: true,
    thresholdVotes: threshold,
    referenceTerra,
    exchangeRates: rates.exchangeRates,
    ballots: rates.ballots,
    rateFailures: rates.failures,
    claims: reportClaims(claims),
    voteTargetsAfterPick,
    missCountersIncremented,
    periodRewards: rewards.periodRewards,
    rewardsToValidators: rewards.rewardsToValidators,
    whitelistApplied,
  };
}

function reportClaims(claims: ClaimMap): ClaimReport[] {
  return [...claims.keys()].sort(compareStrings).map((operator): ClaimReport => {
    const { power, weight, winCount } = claims.get(operator) as Claim;
    return { operator, power, weight, winCount };
  });
}

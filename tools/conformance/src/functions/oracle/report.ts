/**
 * The schema's shapes of what the oracle computes: rates and period rewards as `{denom: dec}`,
 * claims and rewards keyed by operator.
 */
import * as dec from '@marketnode/dec';
import type { ClaimReport, OracleEndBlockReport, OracleState, ValidatorReward } from '@marketnode/oracle';
import { compareStrings } from '@marketnode/staking';
import type { Actual } from '../../compare.js';
import type { ActualRecord } from '../../function-table.js';

type ActualObject = { [key: string]: Actual };

/** The rates now in the store, which is what swaps read (the report lists the same ones). */
export function storedRates(oracle: OracleState): ActualObject {
  const rates: ActualObject = {};
  for (const denom of [...oracle.exchangeRates.keys()].sort(compareStrings)) {
    rates[denom] = dec.format(oracle.exchangeRates.get(denom) as dec.Dec);
  }
  return rates;
}

export function decCoinsRecord(coins: readonly dec.DecCoin[]): ActualObject {
  return Object.fromEntries(coins.map((coin) => [coin.denom, dec.format(coin.amount)]));
}

export function claimsRecord(claims: readonly ClaimReport[]): ActualObject {
  return Object.fromEntries(
    claims.map((claim) => [
      claim.operator,
      { power: claim.power, weight: claim.weight, win: claim.winCount },
    ]),
  );
}

/**
 * `{operator: {denom: amount}}` for every claim, `{}` for one paid nothing. Nothing is paid at all
 * when no claim has weight (the reference returns early), and then every claim gets `{}` too.
 */
export function rewardsRecord(
  operators: readonly string[],
  rewards: readonly ValidatorReward[],
): ActualObject {
  const record: ActualObject = {};
  for (const operator of operators) {
    const coins = rewards.find((reward) => reward.operator === operator)?.coins ?? [];
    record[operator] = Object.fromEntries(coins.map((coin) => [coin.denom, coin.amount]));
  }
  return record;
}

/** Everything the tally of one vote period decided. */
export function tallyRecord(report: OracleEndBlockReport, oracle: OracleState): ActualRecord {
  const ballotDetail: ActualObject = {};
  for (const ballot of report.ballots) {
    ballotDetail[ballot.denom] = {
      median: dec.format(ballot.median),
      std_dev: dec.format(ballot.standardDeviation),
      reward_spread: dec.format(ballot.rewardSpread),
    };
  }
  return {
    threshold_votes: report.thresholdVotes,
    reference_terra: report.referenceTerra,
    exchange_rates: storedRates(oracle),
    ballot_detail: ballotDetail,
    claims: claimsRecord(report.claims),
    vote_targets_after_pick: [...report.voteTargetsAfterPick],
    miss_counter_incremented: [...report.missCountersIncremented],
    period_rewards: decCoinsRecord(report.periodRewards),
    rewards_to_validators: rewardsRecord(
      report.claims.map((claim) => claim.operator),
      report.rewardsToValidators,
    ),
  };
}

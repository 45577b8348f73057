/**
 * `RewardBallotWinners`, the algorithm of columbus-5 from height 5,100,000 (spec §4.9): each vote
 * period pays `VotePeriod/RewardDistributionWindow` of the oracle pool, in uluna and every vote
 * target denom, to the winners in proportion to their claim weight.
 */
import * as bank from '@marketnode/bank';
import * as dec from '@marketnode/dec';
import type { Coin, Dec, DecCoin } from '@marketnode/dec';
import { compareStrings, type StakingState } from '@marketnode/staking';
import type { ClaimMap } from '../tally/claims.js';

export const MICRO_LUNA_DENOM = 'uluna';

export interface ValidatorReward {
  readonly operator: string;
  /** Sorted by denom; empty when the validator earned nothing. */
  readonly coins: readonly Coin[];
}

export interface RewardDistribution {
  /** `NewDec(VotePeriod).QuoInt64(RewardDistributionWindow)`, truncated. */
  readonly distributionRatio: Dec;
  /** Per denom with a positive pool, sorted by denom. */
  readonly periodRewards: readonly DecCoin[];
  /** Per claim, sorted by operator. */
  readonly rewardsToValidators: readonly ValidatorReward[];
  /** What moved from the oracle pool to the distribution module, sorted by denom. */
  readonly distributed: readonly Coin[];
}

export interface RewardBallotWinnersInput {
  readonly votePeriod: bigint;
  readonly rewardDistributionWindow: bigint;
  /** After failing ballots were removed: their denoms are not paid this period. */
  readonly voteTargets: Iterable<string>;
  readonly claims: ClaimMap;
}

/**
 * Pays `⌊period_d.Mul(weight/Σweight)⌋` of each denom to each existing validator, and moves the
 * total from the oracle pool to the distribution module. Nothing is paid when no claim has weight.
 */
export function rewardBallotWinners(
  context: { readonly staking: StakingState; readonly bank: bank.BankState },
  input: RewardBallotWinnersInput,
): RewardDistribution {
  const distributionRatio = dec.quoInt(dec.fromInt(input.votePeriod), input.rewardDistributionWindow);
  const operators = [...input.claims.keys()].sort(compareStrings);
  let weightSum = 0n;
  for (const claim of input.claims.values()) weightSum += claim.weight;
  if (weightSum === 0n) {
    return { distributionRatio, periodRewards: [], rewardsToValidators: [], distributed: [] };
  }
  const periodRewards = computePeriodRewards(context.bank, input.voteTargets, distributionRatio);
  const distributed = new Map<string, bigint>();
  const rewardsToValidators = operators.map((operator): ValidatorReward => {
    const claim = input.claims.get(operator);
    const share = dec.quoInt(dec.fromInt(claim?.weight ?? 0n), weightSum);
    const coins: Coin[] = [];
    for (const period of periodRewards) {
      const amount = dec.truncateInt(dec.mul(period.amount, share));
      if (amount > 0n) coins.push({ denom: period.denom, amount });
    }
    // A validator that no longer exists is skipped: its share stays in the pool.
    if (coins.length === 0 || !context.staking.validators.has(operator)) return { operator, coins: [] };
    for (const coin of coins) distributed.set(coin.denom, (distributed.get(coin.denom) ?? 0n) + coin.amount);
    return { operator, coins };
  });
  const distributedCoins = [...distributed.keys()]
    .sort(compareStrings)
    .map((denom): Coin => ({ denom, amount: distributed.get(denom) as bigint }));
  for (const coin of distributedCoins) {
    bank.transfer(
      context.bank,
      bank.MODULE_ACCOUNTS.oracle,
      bank.MODULE_ACCOUNTS.distribution,
      coin.denom,
      coin.amount,
    );
  }
  return { distributionRatio, periodRewards, rewardsToValidators, distributed: distributedCoins };
}

/**
 * `period_d = NewDecFromInt(pool_d).Mul(ratio)` for `["uluna"] ∪ voteTargets`, positive ones only.
 * A vote target named uluna is listed twice, as in the reference, and so counted twice.
 */
function computePeriodRewards(
  bankState: bank.BankState,
  voteTargets: Iterable<string>,
  distributionRatio: Dec,
): DecCoin[] {
  const rewardDenoms = [MICRO_LUNA_DENOM, ...voteTargets];
  const periods = new Map<string, Dec>();
  for (const denom of rewardDenoms) {
    const pool = bank.balanceOf(bankState, bank.MODULE_ACCOUNTS.oracle, denom);
    if (pool === 0n) continue;
    const period = dec.mul(dec.fromInt(pool), distributionRatio);
    if (period === dec.ZERO) continue;
    periods.set(denom, dec.add(periods.get(denom) ?? dec.ZERO, period));
  }
  return [...periods.keys()]
    .sort(compareStrings)
    .map((denom): DecCoin => ({ denom, amount: periods.get(denom) as Dec }));
}

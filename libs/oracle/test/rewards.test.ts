/**
 * Oracle rewards (spec §4.9): each period pays VotePeriod/RewardDistributionWindow of every pool
 * denom, split by claim weight, truncated, from the oracle pool to the distribution module.
 */
import t from 'tap';
import * as bank from '@marketnode/bank';
import * as dec from '@marketnode/dec';
import { rewardBallotWinners, type ClaimMap } from '../src/index.js';
import { scenario } from './support/fixtures.js';

function claimsOf(weights: Record<string, bigint>): ClaimMap {
  return new Map(
    Object.entries(weights).map(([operator, weight]) => [operator, { power: 0n, weight, winCount: 1n }]),
  );
}

t.test('TestRewardBallotWinners: default window, weights 10 and 20', (t) => {
  // Given a pool of 30,000,000 uluna and 40,000,000 uusd
  const context = scenario({
    powers: { addr0: 10, addr1: 20 },
    pool: { uluna: 30_000_000n, uusd: 40_000_000n },
  });
  // When the winners are paid
  const result = rewardBallotWinners(context, {
    votePeriod: 5n,
    rewardDistributionWindow: 5_256_000n,
    voteTargets: ['uusd'],
    claims: claimsOf({ addr0: 10n, addr1: 20n }),
  });
  // Then the spec's literals
  t.equal(dec.format(result.distributionRatio), '0.000000951293759512');
  t.same(
    result.periodRewards.map((c) => [c.denom, dec.format(c.amount)]),
    [
      ['uluna', '28.538812785360000000'],
      ['uusd', '38.051750380480000000'],
    ],
  );
  t.same(
    result.rewardsToValidators.map((r) => [r.operator, r.coins.map((c) => `${c.amount}${c.denom}`)]),
    [
      ['addr0', ['9uluna', '12uusd']],
      ['addr1', ['19uluna', '25uusd']],
    ],
  );
  t.same(result.distributed, [
    { denom: 'uluna', amount: 28n },
    { denom: 'uusd', amount: 37n },
  ]);
  t.equal(bank.balanceOf(context.bank, bank.MODULE_ACCOUNTS.oracle, 'uusd'), 40_000_000n - 37n);
  t.equal(bank.balanceOf(context.bank, bank.MODULE_ACCOUNTS.distribution, 'uusd'), 37n);
  t.end();
});

t.test('denoms that are not vote targets (a failed ballot) are not paid that period', (t) => {
  const context = scenario({ powers: { addr0: 10 }, pool: { uluna: 30_000_000n, uusd: 40_000_000n } });
  const result = rewardBallotWinners(context, {
    votePeriod: 5n,
    rewardDistributionWindow: 5_256_000n,
    voteTargets: [],
    claims: claimsOf({ addr0: 1n }),
  });
  t.same(
    result.periodRewards.map((c) => c.denom),
    ['uluna'],
  );
  t.end();
});

t.test('nothing is paid when no claim has weight', (t) => {
  const context = scenario({ powers: { addr0: 10 }, pool: { uluna: 30_000_000n } });
  const result = rewardBallotWinners(context, {
    votePeriod: 5n,
    rewardDistributionWindow: 5_256_000n,
    voteTargets: [],
    claims: claimsOf({ addr0: 0n }),
  });
  t.same(result.rewardsToValidators, []);
  t.equal(bank.balanceOf(context.bank, bank.MODULE_ACCOUNTS.oracle, 'uluna'), 30_000_000n);
  t.end();
});

t.test('a claim of a validator that no longer exists is skipped and its share stays in the pool', (t) => {
  const context = scenario({ powers: { addr0: 10 }, pool: { uluna: 5_256_000n } });
  const result = rewardBallotWinners(context, {
    votePeriod: 5n,
    rewardDistributionWindow: 5_256_000n,
    voteTargets: [],
    claims: claimsOf({ addr0: 1n, gone: 1n }),
  });
  t.same(
    result.rewardsToValidators.map((r) => [r.operator, r.coins.length]),
    [
      ['addr0', 1],
      ['gone', 0],
    ],
  );
  t.same(result.distributed, [{ denom: 'uluna', amount: 2n }], '⌊(5,256,000 · ratio) · ½⌋ = ⌊2.49…⌋');
  t.end();
});

/**
 * The oracle EndBlocker tally, checked against the literal cases of the spec's vector file
 * (spec §8, `classic-core-vectors.json`, module `oracle`, function `EndBlocker (tally)`): every
 * quantity the report exposes, from the threshold to the rewards paid.
 */
import t from 'tap';
import * as dec from '@marketnode/dec';
import { formatCoin } from '@marketnode/dec';
import { oracleEndBlock, type OracleParams } from '../src/index.js';
import { ABCI_TEST_PARAMS, scenario, storeVotes } from './support/fixtures.js';

interface VectorCase {
  readonly id: string;
  readonly params: Pick<OracleParams, 'votePeriod' | 'rewardDistributionWindow'>;
  readonly powers: Record<string, number>;
  readonly voteTargets: string[];
  readonly votes: Record<string, Record<string, string>>;
  readonly pool: Record<string, bigint>;
  readonly expected: {
    readonly thresholdVotes: bigint;
    readonly referenceTerra: string;
    readonly exchangeRates: Record<string, string>;
    readonly ballots: Record<string, { median: string; std_dev: string; reward_spread: string }>;
    /** operator -> [power, weight, winCount] */
    readonly claims: Record<string, [number, number, number]>;
    readonly voteTargetsAfterPick?: string[];
    readonly missCountersIncremented: string[];
    readonly periodRewards?: Record<string, string>;
    readonly rewardsToValidators?: Record<string, Record<string, string>>;
  };
}

const CASES: readonly VectorCase[] = [
  {
    id: 'oracle.end_blocker.threshold.one_of_three',
    params: { votePeriod: 1n, rewardDistributionWindow: 100n },
    powers: { val0: 10, val1: 10, val2: 10 },
    voteTargets: ['ukrw', 'umnt', 'usdr', 'uusd'],
    votes: { val0: { usdr: '1700.000000000000000000' } },
    pool: {},
    expected: {
      thresholdVotes: 15n,
      referenceTerra: '',
      exchangeRates: {},
      ballots: {},
      claims: { val0: [10, 0, 0], val1: [10, 0, 0], val2: [10, 0, 0] },
      voteTargetsAfterPick: ['ukrw', 'umnt', 'uusd'],
      missCountersIncremented: ['val0', 'val1', 'val2'],
    },
  },
  {
    id: 'oracle.end_blocker.threshold.three_of_three',
    params: { votePeriod: 1n, rewardDistributionWindow: 100n },
    powers: { val0: 10, val1: 10, val2: 10 },
    voteTargets: ['ukrw', 'umnt', 'usdr', 'uusd'],
    votes: {
      val0: { usdr: '1700.000000000000000000' },
      val1: { usdr: '1700.000000000000000000' },
      val2: { usdr: '1700.000000000000000000' },
    },
    pool: {},
    expected: {
      thresholdVotes: 15n,
      referenceTerra: 'usdr',
      exchangeRates: { usdr: '1700.000000000000000000' },
      ballots: {
        usdr: {
          median: '1700.000000000000000000',
          std_dev: '0.000000000000000000',
          reward_spread: '17.000000000000000000',
        },
      },
      claims: { val0: [10, 10, 1], val1: [10, 10, 1], val2: [10, 10, 1] },
      voteTargetsAfterPick: ['ukrw', 'umnt', 'usdr', 'uusd'],
      missCountersIncremented: ['val0', 'val1', 'val2'],
    },
  },
  {
    id: 'oracle.end_blocker.drop_illiquid',
    params: { votePeriod: 1n, rewardDistributionWindow: 100n },
    powers: { val0: 10, val1: 10, val2: 10 },
    voteTargets: ['ukrw', 'umnt', 'usdr', 'uusd'],
    votes: { val0: { ukrw: '1700.000000000000000000' } },
    pool: {},
    expected: {
      thresholdVotes: 15n,
      referenceTerra: '',
      exchangeRates: {},
      ballots: {},
      claims: { val0: [10, 0, 0], val1: [10, 0, 0], val2: [10, 0, 0] },
      voteTargetsAfterPick: ['umnt', 'usdr', 'uusd'],
      missCountersIncremented: ['val0', 'val1', 'val2'],
    },
  },
  {
    id: 'oracle.end_blocker.reward_band.all_inside',
    params: { votePeriod: 1n, rewardDistributionWindow: 100n },
    powers: { val0: 10, val1: 10, val2: 10 },
    voteTargets: ['ukrw'],
    votes: {
      val0: { ukrw: '1683.000000000000000000' },
      val1: { ukrw: '1700.000000000000000000' },
      val2: { ukrw: '1717.000000000000000000' },
    },
    pool: {},
    expected: {
      thresholdVotes: 15n,
      referenceTerra: 'ukrw',
      exchangeRates: { ukrw: '1700.000000000000000000' },
      ballots: {
        ukrw: {
          median: '1700.000000000000000000',
          std_dev: '13.880442000000000000',
          reward_spread: '17.000000000000000000',
        },
      },
      claims: { val0: [10, 10, 1], val1: [10, 10, 1], val2: [10, 10, 1] },
      voteTargetsAfterPick: ['ukrw'],
      missCountersIncremented: [],
    },
  },
  {
    id: 'oracle.end_blocker.reward_band.one_outside',
    params: { votePeriod: 1n, rewardDistributionWindow: 100n },
    powers: { val0: 10, val1: 10, val2: 10 },
    voteTargets: ['ukrw'],
    votes: {
      val0: { ukrw: '1682.000000000000000000' },
      val1: { ukrw: '1700.000000000000000000' },
      val2: { ukrw: '1717.000000000000000000' },
    },
    pool: {},
    expected: {
      thresholdVotes: 15n,
      referenceTerra: 'ukrw',
      exchangeRates: { ukrw: '1700.000000000000000000' },
      ballots: {
        ukrw: {
          median: '1700.000000000000000000',
          std_dev: '14.294521000000000000',
          reward_spread: '17.000000000000000000',
        },
      },
      claims: { val0: [10, 0, 0], val1: [10, 10, 1], val2: [10, 10, 1] },
      voteTargetsAfterPick: ['ukrw'],
      missCountersIncremented: ['val0'],
    },
  },
  {
    id: 'oracle.end_blocker.multi_denom.reference_tie_alphabetical',
    params: { votePeriod: 1n, rewardDistributionWindow: 100n },
    powers: { val0: 10, val1: 10, val2: 10 },
    voteTargets: ['ukrw', 'umnt', 'usdr', 'uusd'],
    votes: {
      val0: { usdr: '1700.000000000000000000', ukrw: '1700.000000000000000000' },
      val1: { usdr: '1700.000000000000000000' },
      val2: { ukrw: '1700.000000000000000000' },
    },
    pool: { uluna: 100000000n },
    expected: {
      thresholdVotes: 15n,
      referenceTerra: 'ukrw',
      exchangeRates: { ukrw: '1700.000000000000000000', usdr: '1700.000000000000000000' },
      ballots: {
        ukrw: {
          median: '1700.000000000000000000',
          std_dev: '0.000000000000000000',
          reward_spread: '17.000000000000000000',
        },
        usdr: {
          median: '1.000000000000000000',
          std_dev: '0.707107000000000000',
          reward_spread: '0.707107000000000000',
        },
      },
      claims: { val0: [10, 20, 2], val1: [10, 0, 1], val2: [10, 10, 1] },
      voteTargetsAfterPick: ['ukrw', 'umnt', 'usdr', 'uusd'],
      missCountersIncremented: ['val0', 'val1', 'val2'],
      periodRewards: { uluna: '1000000.000000000000000000' },
      rewardsToValidators: { val0: { uluna: '666666' }, val1: {}, val2: { uluna: '333333' } },
    },
  },
  {
    id: 'oracle.end_blocker.exchange_rate.val5_cross_rates',
    params: { votePeriod: 1n, rewardDistributionWindow: 100n },
    powers: { val0: 10, val1: 10, val2: 10, val3: 10, val4: 10 },
    voteTargets: ['ukrw', 'umnt', 'usdr', 'uusd'],
    votes: {
      val0: { ukrw: '505000.000000000000000000', uusd: '505.000000000000000000' },
      val1: { ukrw: '505000.000000000000000000' },
      val2: { ukrw: '505000.000000000000000000' },
      val3: { ukrw: '500000.000000000000000000', uusd: '500.000000000000000000' },
      val4: { ukrw: '500000.000000000000000000', uusd: '500.000000000000000000' },
    },
    pool: { uluna: 100000000n },
    expected: {
      thresholdVotes: 25n,
      referenceTerra: 'ukrw',
      exchangeRates: { ukrw: '505000.000000000000000000', uusd: '505.000000000000000000' },
      ballots: {
        ukrw: {
          median: '505000.000000000000000000',
          std_dev: '3162.277660000000000000',
          reward_spread: '5050.000000000000000000',
        },
        uusd: {
          median: '1000.000000000000000000',
          std_dev: '0.000000000000000000',
          reward_spread: '10.000000000000000000',
        },
      },
      claims: {
        val0: [10, 20, 2],
        val1: [10, 10, 1],
        val2: [10, 10, 1],
        val3: [10, 20, 2],
        val4: [10, 20, 2],
      },
      voteTargetsAfterPick: ['ukrw', 'umnt', 'usdr', 'uusd'],
      missCountersIncremented: ['val0', 'val1', 'val2', 'val3', 'val4'],
      periodRewards: { uluna: '1000000.000000000000000000' },
      rewardsToValidators: {
        val0: { uluna: '250000' },
        val1: { uluna: '125000' },
        val2: { uluna: '125000' },
        val3: { uluna: '250000' },
        val4: { uluna: '250000' },
      },
    },
  },
  {
    id: 'oracle.end_blocker.not_passed_ballot_no_miss',
    params: { votePeriod: 1n, rewardDistributionWindow: 100n },
    powers: { val0: 10, val1: 10, val2: 10 },
    voteTargets: ['ukrw'],
    votes: { val0: { ukrw: '1700.000000000000000000' } },
    pool: {},
    expected: {
      thresholdVotes: 15n,
      referenceTerra: '',
      exchangeRates: {},
      ballots: {},
      claims: { val0: [10, 0, 0], val1: [10, 0, 0], val2: [10, 0, 0] },
      voteTargetsAfterPick: [],
      missCountersIncremented: [],
    },
  },
  {
    id: 'oracle.end_blocker.abstain_no_miss',
    params: { votePeriod: 1n, rewardDistributionWindow: 100n },
    powers: { val0: 10, val1: 10, val2: 10 },
    voteTargets: ['ukrw'],
    votes: {
      val0: { ukrw: '1700.000000000000000000' },
      val1: { ukrw: '0.000000000000000000' },
      val2: { ukrw: '1700.000000000000000000' },
    },
    pool: {},
    expected: {
      thresholdVotes: 15n,
      referenceTerra: 'ukrw',
      exchangeRates: { ukrw: '1700.000000000000000000' },
      ballots: {
        ukrw: {
          median: '1700.000000000000000000',
          std_dev: '981.495458000000000000',
          reward_spread: '981.495458000000000000',
        },
      },
      claims: { val0: [10, 10, 1], val1: [10, 0, 1], val2: [10, 10, 1] },
      voteTargetsAfterPick: ['ukrw'],
      missCountersIncremented: [],
    },
  },
  {
    id: 'oracle.end_blocker.invalid_vote_misses',
    params: { votePeriod: 1n, rewardDistributionWindow: 100n },
    powers: { val0: 10, val1: 10, val2: 10 },
    voteTargets: ['ukrw'],
    votes: {
      val0: { ukrw: '1700.000000000000000000' },
      val1: { ukrw: '100000000001700.000000000000000000' },
      val2: { ukrw: '1700.000000000000000000' },
    },
    pool: {},
    expected: {
      thresholdVotes: 15n,
      referenceTerra: 'ukrw',
      exchangeRates: { ukrw: '1700.000000000000000000' },
      ballots: {
        ukrw: {
          median: '1700.000000000000000000',
          std_dev: '57735026918962.578125000000000000',
          reward_spread: '57735026918962.578125000000000000',
        },
      },
      claims: { val0: [10, 10, 1], val1: [10, 0, 0], val2: [10, 10, 1] },
      voteTargetsAfterPick: ['ukrw'],
      missCountersIncremented: ['val1'],
    },
  },
  {
    id: 'oracle.end_blocker.vote_target_without_ballot_everyone_misses',
    params: { votePeriod: 1n, rewardDistributionWindow: 100n },
    powers: { val0: 10, val1: 10, val2: 10 },
    voteTargets: ['ukrw', 'usdr'],
    votes: {
      val0: { ukrw: '1700.000000000000000000' },
      val1: { ukrw: '1700.000000000000000000' },
      val2: { ukrw: '1700.000000000000000000' },
    },
    pool: {},
    expected: {
      thresholdVotes: 15n,
      referenceTerra: 'ukrw',
      exchangeRates: { ukrw: '1700.000000000000000000' },
      ballots: {
        ukrw: {
          median: '1700.000000000000000000',
          std_dev: '0.000000000000000000',
          reward_spread: '17.000000000000000000',
        },
      },
      claims: { val0: [10, 10, 1], val1: [10, 10, 1], val2: [10, 10, 1] },
      voteTargetsAfterPick: ['ukrw', 'usdr'],
      missCountersIncremented: ['val0', 'val1', 'val2'],
    },
  },
  {
    id: 'oracle.end_blocker.abstain_small_power',
    params: { votePeriod: 1n, rewardDistributionWindow: 100n },
    powers: { val0: 1 },
    voteTargets: ['ukrw'],
    votes: { val0: { ukrw: '0.000000000000000000' } },
    pool: {},
    expected: {
      thresholdVotes: 0n,
      referenceTerra: '',
      exchangeRates: {},
      ballots: {},
      claims: { val0: [1, 0, 0] },
      voteTargetsAfterPick: [],
      missCountersIncremented: [],
    },
  },
  {
    id: 'oracle.derived.four_validators_cross_rates',
    params: { votePeriod: 5n, rewardDistributionWindow: 5256000n },
    powers: { valA: 40, valB: 30, valC: 20, valD: 10 },
    voteTargets: ['ukrw', 'usdr', 'uusd'],
    votes: {
      valA: {
        uusd: '80.000000000000000000',
        ukrw: '95000.000000000000000000',
        usdr: '60.000000000000000000',
      },
      valB: {
        uusd: '80.400000000000000000',
        ukrw: '96000.000000000000000000',
        usdr: '60.300000000000000000',
      },
      valC: {
        uusd: '79.600000000000000000',
        ukrw: '94000.000000000000000000',
        usdr: '59.700000000000000000',
      },
      valD: { ukrw: '95500.000000000000000000', usdr: '0.000000000000000000' },
    },
    pool: { uluna: 1000000000000n, uusd: 500000000000n },
    expected: {
      thresholdVotes: 50n,
      referenceTerra: 'ukrw',
      exchangeRates: {
        ukrw: '95000.000000000000000000',
        usdr: '60.000000000000000000',
        uusd: '80.000000000000000000',
      },
      ballots: {
        ukrw: {
          median: '95000.000000000000000000',
          std_dev: '750.000000000000000000',
          reward_spread: '950.000000000000000000',
        },
        usdr: {
          median: '1583.333333333333333333',
          std_dev: '791.690846000000000000',
          reward_spread: '791.690846000000000000',
        },
        uusd: {
          median: '1187.500000000000000000',
          std_dev: '5.358460000000000000',
          reward_spread: '11.875000000000000000',
        },
      },
      claims: { valA: [40, 120, 3], valB: [30, 60, 2], valC: [20, 40, 2], valD: [10, 10, 2] },
      missCountersIncremented: ['valB', 'valC', 'valD'],
      periodRewards: { uluna: '951293.759512000000000000', uusd: '475646.879756000000000000' },
      rewardsToValidators: {
        valA: { uluna: '496327', uusd: '248163' },
        valB: { uluna: '248163', uusd: '124081' },
        valC: { uluna: '165442', uusd: '82721' },
        valD: { uluna: '41360', uusd: '20680' },
      },
    },
  },
];

for (const vector of CASES) {
  t.test(`end block tally matches ${vector.id}`, (t) => {
    // Given the validators, vote targets, reward pool and stored votes of the case
    const params = { ...ABCI_TEST_PARAMS, ...vector.params };
    const context = scenario({
      params,
      powers: vector.powers,
      voteTargets: vector.voteTargets,
      pool: vector.pool,
    });
    storeVotes(context.oracle, vector.votes);
    // When the last block of the vote period ends
    const report = oracleEndBlock(context, params.votePeriod - 1n);
    // Then every reported quantity is the reference's
    const { expected } = vector;
    t.equal(report.tallied, true);
    t.equal(report.thresholdVotes, expected.thresholdVotes, 'threshold');
    t.equal(report.referenceTerra, expected.referenceTerra, 'reference terra');
    const rates = Object.fromEntries(report.exchangeRates.map((r) => [r.denom, dec.format(r.exchangeRate)]));
    t.same(rates, expected.exchangeRates, 'rates in the report');
    const stored = Object.fromEntries(
      [...context.oracle.exchangeRates].map(([denom, rate]) => [denom, dec.format(rate)]),
    );
    t.same(stored, expected.exchangeRates, 'rates in the store');
    const ballots = Object.fromEntries(
      report.ballots.map((b) => [
        b.denom,
        {
          median: dec.format(b.median),
          std_dev: dec.format(b.standardDeviation),
          reward_spread: dec.format(b.rewardSpread),
        },
      ]),
    );
    t.same(ballots, expected.ballots, 'ballot details');
    const claims = Object.fromEntries(
      report.claims.map((c) => [c.operator, [Number(c.power), Number(c.weight), Number(c.winCount)]]),
    );
    t.same(claims, expected.claims, 'claims');
    if (expected.voteTargetsAfterPick !== undefined) {
      t.same(report.voteTargetsAfterPick, expected.voteTargetsAfterPick, 'vote targets after pick');
    }
    t.same(report.missCountersIncremented, expected.missCountersIncremented, 'misses');
    for (const operator of expected.missCountersIncremented)
      t.equal(context.oracle.missCounters.get(operator), 1n);
    if (expected.periodRewards !== undefined) {
      const periods = Object.fromEntries(report.periodRewards.map((p) => [p.denom, dec.format(p.amount)]));
      t.same(periods, expected.periodRewards, 'period rewards');
    }
    if (expected.rewardsToValidators !== undefined) {
      const paid = Object.fromEntries(
        report.rewardsToValidators.map((r) => [
          r.operator,
          Object.fromEntries(r.coins.map((c) => [c.denom, `${c.amount}`])),
        ]),
      );
      t.same(paid, expected.rewardsToValidators, 'rewards per validator');
    }
    t.equal(context.oracle.votes.size, 0, 'votes cleared');
    t.end();
  });
}

t.test('rewards move from the oracle pool to the distribution module', (t) => {
  // Given the four-validator case with a funded pool
  const vector = CASES.find((c) => c.id === 'oracle.derived.four_validators_cross_rates') as VectorCase;
  const params = { ...ABCI_TEST_PARAMS, ...vector.params };
  const context = scenario({
    params,
    powers: vector.powers,
    voteTargets: vector.voteTargets,
    pool: vector.pool,
  });
  storeVotes(context.oracle, vector.votes);
  // When the period ends
  const report = oracleEndBlock(context, params.votePeriod - 1n);
  // Then the distribution module holds exactly what was paid and the pool the rest
  const paidLuna = report.rewardsToValidators.reduce(
    (sum, r) => sum + (r.coins.find((c) => c.denom === 'uluna')?.amount ?? 0n),
    0n,
  );
  const distribution = context.bank.balances.get('module:distribution');
  t.equal(distribution?.get('uluna'), paidLuna);
  t.equal(context.bank.balances.get('module:oracle')?.get('uluna'), 1_000_000_000_000n - paidLuna);
  t.equal(formatCoin({ denom: 'uluna', amount: paidLuna }), '951292uluna');
  t.end();
});

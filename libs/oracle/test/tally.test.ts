/**
 * The tally of one ballot (spec §4.8) and the threshold and reference-Terra choice (spec §4.6).
 */
import t from 'tap';
import * as dec from '@marketnode/dec';
import { pickReferenceTerra, tally, thresholdVotes, type Ballot, type ClaimMap } from '../src/index.js';
import { d, validatorSet } from './support/fixtures.js';

function claimsFor(operators: readonly string[]): ClaimMap {
  return new Map(operators.map((operator) => [operator, { power: 10n, weight: 0n, winCount: 0n }]));
}

function ballotOf(entries: readonly [string, string, bigint][]): Ballot {
  return entries.map(([voter, rate, power]) => ({ voter, exchangeRate: d(rate), power }));
}

t.test('tally: 1682 falls outside max(1700 · 0.01, σ = 14.294521), the others win', (t) => {
  const claims = claimsFor(['v0', 'v1', 'v2']);
  const ballot = ballotOf([
    ['v0', '1682', 10n],
    ['v1', '1700', 10n],
    ['v2', '1717', 10n],
  ]);
  const result = tally(ballot, d('0.02'), claims);
  t.same(result, { median: d('1700'), standardDeviation: d('14.294521'), rewardSpread: d('17') });
  t.same(
    [...claims].map(([operator, c]) => [operator, c.weight, c.winCount]),
    [
      ['v0', 0n, 0n],
      ['v1', 10n, 1n],
      ['v2', 10n, 1n],
    ],
  );
  t.end();
});

t.test('tally: an abstain wins, with no weight', (t) => {
  const claims = claimsFor(['v0', 'v1', 'v2']);
  const ballot = ballotOf([
    ['v0', '0', 0n],
    ['v1', '1683', 10n],
    ['v2', '1700', 10n],
  ]);
  const result = tally(ballot, d('0.02'), claims);
  t.equal(result.median, d('1683'));
  t.same(
    [...claims].map(([, c]) => [c.weight, c.winCount]),
    [
      [0n, 1n],
      [10n, 1n],
      [10n, 1n],
    ],
  );
  t.end();
});

t.test('tally asserts the ballot is sorted', (t) => {
  const ballot = ballotOf([
    ['v0', '2', 1n],
    ['v1', '1', 1n],
  ]);
  t.throws(() => tally(ballot, d('0.02'), claimsFor(['v0', 'v1'])), new Error('ballot must be sorted'));
  t.end();
});

t.test('the threshold rounds half to even: 0.5·31 → 16, 0.5·33 → 16, 0.5·1 → 0', (t) => {
  for (const [power, threshold] of [
    [31, 16n],
    [33, 16n],
    [1, 0n],
  ] as const) {
    t.equal(thresholdVotes(validatorSet({ val: power }), d('0.5')), threshold, `power ${power}`);
  }
  t.end();
});

t.test('the threshold uses bonded tokens truncated to power once, not the sum of powers', (t) => {
  const staking = validatorSet({ a: 1, b: 1 });
  for (const v of staking.validators.values()) v.tokens += 600_000n;
  t.equal(
    thresholdVotes(staking, dec.ONE),
    3n,
    '3.2 LUNA bonded → power 3, while each validator has power 1',
  );
  t.end();
});

t.test('the reference Terra is the passing denom with most power, ties to the smallest name', (t) => {
  const ballots = new Map<string, Ballot>([
    ['usdr', ballotOf([['v0', '1', 20n]])],
    ['ukrw', ballotOf([['v1', '1', 20n]])],
    ['uusd', ballotOf([['v2', '1', 5n]])],
    ['ujpy', ballotOf([['v3', '1', 90n]])],
  ]);
  const voteTargets = new Map([
    ['usdr', dec.ZERO],
    ['ukrw', dec.ZERO],
    ['uusd', dec.ZERO],
  ]);
  const referenceTerra = pickReferenceTerra({ ballots, voteTargets, threshold: 10n });
  t.equal(referenceTerra, 'ukrw');
  t.same([...ballots.keys()].sort(), ['ukrw', 'usdr'], 'non-target ujpy and failing uusd dropped');
  t.same([...voteTargets.keys()].sort(), ['ukrw', 'usdr'], 'failing uusd dropped from the targets too');
  t.end();
});

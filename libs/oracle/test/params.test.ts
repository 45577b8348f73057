/**
 * Oracle parameters (spec §4.1): the defaults in code and the validation at the edge.
 */
import t from 'tap';
import * as dec from '@marketnode/dec';
import {
  DEFAULT_ORACLE_PARAMS,
  createOracleState,
  validateOracleParams,
  type OracleParams,
} from '../src/index.js';

t.test('the defaults are the v0.5.18 defaults in code, and valid', (t) => {
  const p = DEFAULT_ORACLE_PARAMS;
  t.equal(p.votePeriod, 5n);
  t.equal(dec.format(p.voteThreshold), '0.500000000000000000');
  t.equal(dec.format(p.rewardBand), '0.020000000000000000');
  t.equal(p.rewardDistributionWindow, 5_256_000n);
  t.same(
    p.whitelist.map((item) => [item.name, dec.format(item.tobinTax)]),
    [
      ['ukrw', '0.002500000000000000'],
      ['usdr', '0.002500000000000000'],
      ['uusd', '0.002500000000000000'],
      ['umnt', '0.020000000000000000'],
    ],
  );
  t.equal(dec.format(p.slashFraction), '0.000100000000000000');
  t.equal(p.slashWindow, 100_800n);
  t.equal(dec.format(p.minValidPerWindow), '0.050000000000000000');
  t.equal(p.saltLengthMax, 4);
  t.same(validateOracleParams(p), []);
  t.end();
});

t.test('genesis state: the vote targets are the whitelist', (t) => {
  const state = createOracleState(DEFAULT_ORACLE_PARAMS);
  t.same([...state.tobinTaxes.keys()], ['ukrw', 'usdr', 'uusd', 'umnt']);
  t.equal(state.exchangeRates.size, 0);
  t.end();
});

const INVALID: readonly [string, Partial<OracleParams>, RegExp][] = [
  ['vote period 0', { votePeriod: 0n }, /VotePeriod must be > 0/],
  ['threshold exactly 0.33', { voteThreshold: dec.parse('0.33') }, /VoteThreshold/],
  ['threshold above 1', { voteThreshold: dec.parse('1.01') }, /VoteThreshold/],
  ['negative reward band', { rewardBand: dec.parse('-0.01') }, /RewardBand/],
  [
    'distribution window shorter than the vote period',
    { rewardDistributionWindow: 4n },
    /RewardDistributionWindow/,
  ],
  ['slash fraction above 1', { slashFraction: dec.parse('1.5') }, /SlashFraction/],
  ['slash window shorter than the vote period', { slashWindow: 4n }, /SlashWindow/],
  ['min valid per window above 1', { minValidPerWindow: dec.parse('2') }, /MinValidPerWindow/],
  ['a nameless whitelist denom', { whitelist: [{ name: '', tobinTax: dec.ZERO }] }, /must have name/],
  ['a tobin tax above 1', { whitelist: [{ name: 'ukrw', tobinTax: dec.parse('2') }] }, /TobinTax/],
  ['salt length 0', { saltLengthMax: 0 }, /SaltLengthMax/],
  [
    'uluna in the whitelist',
    { whitelist: [{ name: 'uluna', tobinTax: dec.ZERO }] },
    /must not contain uluna/,
  ],
];

for (const [name, change, message] of INVALID) {
  t.test(`params are rejected: ${name}`, (t) => {
    const problems = validateOracleParams({ ...DEFAULT_ORACLE_PARAMS, ...change });
    t.equal(problems.length, 1);
    t.match(problems[0], message);
    t.end();
  });
}

t.test('a threshold just above 0.33 is accepted', (t) => {
  t.same(
    validateOracleParams({ ...DEFAULT_ORACLE_PARAMS, voteThreshold: dec.parse('0.330000000000000001') }),
    [],
  );
  t.end();
});

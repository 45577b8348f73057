/**
 * Slashing at the end of a slash window (spec §4.11): the valid-rate boundary, who is exempt, and
 * what a slash does to stake, supply and the next tally.
 */
import t from 'tap';
import * as bank from '@marketnode/bank';
import * as dec from '@marketnode/dec';
import { stakingEndBlock } from '@marketnode/staking';
import {
  DEFAULT_ORACLE_PARAMS,
  oracleEndBlock,
  slashAndResetMissCounters,
  type OracleEndBlockReport,
  type OracleParams,
} from '../src/index.js';
import { ABCI_TEST_PARAMS, d, scenario, storeVotes } from './support/fixtures.js';

const WEEK_PARAMS: OracleParams = { ...DEFAULT_ORACLE_PARAMS, votePeriod: 5n, slashWindow: 100_800n };

function windowWithMisses(missCounter: bigint) {
  const context = scenario({ params: WEEK_PARAMS, powers: { val: 100 } });
  context.oracle.missCounters.set('val', missCounter);
  return context;
}

t.test('19,152 misses of 20,160 periods is a valid rate of exactly 0.05: not slashed', (t) => {
  const context = windowWithMisses(19_152n);
  const result = slashAndResetMissCounters(context);
  t.equal(result.votePeriodsPerWindow, 20_160n);
  t.same(result.verdicts, [
    { operator: 'val', missCounter: 19_152n, validRate: d('0.05'), slashed: false, slashedAmount: 0n },
  ]);
  t.equal(context.staking.validators.get('val')?.tokens, 100_000_000n);
  t.equal(context.staking.validators.get('val')?.jailed, false);
  t.equal(context.oracle.missCounters.size, 0);
  t.end();
});

t.test('19,153 misses: rate 0.049950396825396825, slashed 0.01% and jailed', (t) => {
  const context = windowWithMisses(19_153n);
  const supplyBefore = bank.supplyOf(context.bank, 'uluna');
  const result = slashAndResetMissCounters(context);
  t.equal(result.verdicts[0]?.validRate, d('0.049950396825396825'));
  t.equal(result.verdicts[0]?.slashedAmount, 10_000n);
  t.equal(context.staking.validators.get('val')?.tokens, 99_990_000n);
  t.equal(context.staking.validators.get('val')?.jailed, true);
  t.equal(bank.supplyOf(context.bank, 'uluna'), supplyBefore - 10_000n, 'the slash is burned');
  t.equal(bank.balanceOf(context.bank, bank.MODULE_ACCOUNTS.bondedPool, 'uluna'), 99_990_000n);
  t.equal(context.oracle.missCounters.size, 0);
  t.end();
});

for (const [name, status, jailed] of [
  ['unbonded', 'unbonded', false],
  ['bonded and jailed', 'bonded', true],
] as const) {
  t.test(`a ${name} validator is not slashed, but its counter is reset`, (t) => {
    const context = windowWithMisses(19_153n);
    const validator = context.staking.validators.get('val');
    if (validator === undefined) throw new Error('fixture');
    validator.status = status;
    validator.jailed = jailed;
    const result = slashAndResetMissCounters(context);
    t.equal(result.verdicts[0]?.slashed, false);
    t.equal(validator.tokens, 100_000_000n);
    t.equal(context.oracle.missCounters.size, 0);
    t.end();
  });
}

t.test('more misses than periods give a negative valid rate (uint64 wrap cast to int64)', (t) => {
  const context = windowWithMisses(20_161n);
  const result = slashAndResetMissCounters(context);
  t.equal(result.verdicts[0]?.validRate, dec.quoInt(d('-1'), 20_160n));
  t.equal(result.verdicts[0]?.slashed, true);
  t.end();
});

t.test('a counter of a validator that no longer exists is reset without a slash', (t) => {
  const context = windowWithMisses(19_153n);
  context.oracle.missCounters.set('gone', 20_000n);
  const result = slashAndResetMissCounters(context);
  t.same(
    result.verdicts.map((v) => [v.operator, v.slashed]),
    [
      ['gone', false],
      ['val', true],
    ],
  );
  t.end();
});

t.test('96 missed periods of 100 are slashed at the end of height 99; 95 are not', (t) => {
  for (const [misses, slashed] of [
    [95, false],
    [96, true],
  ] as const) {
    // Given val0 (10 power) never votes in `misses` periods, while val1 and val2 keep the ballot passing
    const context = scenario({ powers: { val0: 10, val1: 10, val2: 10 }, voteTargets: ['ukrw'] });
    context.oracle.params = { ...ABCI_TEST_PARAMS, whitelist: [{ name: 'ukrw', tobinTax: d('0.0025') }] };
    let report: OracleEndBlockReport | undefined;
    for (let height = 0n; height < 100n; height += 1n) {
      const val0Votes = height >= BigInt(misses);
      storeVotes(context.oracle, {
        val1: { ukrw: '1' },
        val2: { ukrw: '1' },
        ...(val0Votes ? { val0: { ukrw: '1' } } : {}),
      });
      report = oracleEndBlock(context, height);
    }
    // Then at the end of height 99 the window closes
    t.equal(report?.slashWindowEnded, true);
    t.equal(report?.missCounterVerdicts.find((v) => v.operator === 'val0')?.missCounter, BigInt(misses));
    t.same(report?.jailed, slashed ? ['val0'] : [], `${misses} misses`);
    t.equal(context.staking.validators.get('val0')?.tokens, slashed ? 9_999_000n : 10_000_000n);
    t.same(
      report?.slashed.map((s) => [s.operator, dec.format(s.validRate), s.amount]),
      slashed ? [['val0', '0.040000000000000000', 1000n]] : [],
    );
  }
  t.end();
});

t.test('abstaining for 96 periods is not a miss', (t) => {
  const context = scenario({ powers: { val0: 10, val1: 10, val2: 10 }, voteTargets: ['ukrw'] });
  context.oracle.params = { ...ABCI_TEST_PARAMS, whitelist: [{ name: 'ukrw', tobinTax: d('0.0025') }] };
  let report: OracleEndBlockReport | undefined;
  for (let height = 0n; height < 100n; height += 1n) {
    storeVotes(context.oracle, {
      val0: { ukrw: height < 96n ? '0' : '1' },
      val1: { ukrw: '1' },
      val2: { ukrw: '1' },
    });
    report = oracleEndBlock(context, height);
  }
  t.equal(report?.slashWindowEnded, true);
  t.equal(
    report?.missCounterVerdicts.find((v) => v.operator === 'val0'),
    undefined,
    'never counted',
  );
  t.same(report?.slashed, []);
  t.end();
});

t.test('a jailed validator leaves the next tally once the staking end block has run', (t) => {
  // Given val0 slashed and jailed at the end of a window
  const context = scenario({ powers: { val0: 10, val1: 10, val2: 10 }, voteTargets: ['ukrw'] });
  context.oracle.missCounters.set('val0', 100n);
  const report = oracleEndBlock(context, 99n);
  t.same(report.jailed, ['val0']);
  // When the staking end block of the same height runs
  t.same(stakingEndBlock(context.staking), ['val0']);
  // Then the next tally gives it no claim, and its stake no longer counts toward the threshold
  storeVotes(context.oracle, { val0: { ukrw: '5' }, val1: { ukrw: '1' }, val2: { ukrw: '1' } });
  const next = oracleEndBlock(context, 100n);
  t.same(
    next.claims.map((c) => c.operator),
    ['val1', 'val2'],
  );
  t.equal(next.thresholdVotes, 10n, 'round(0.5 · 20)');
  t.same(
    next.exchangeRates.map((r) => dec.format(r.exchangeRate)),
    ['1.000000000000000000'],
  );
  t.end();
});

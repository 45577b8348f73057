/**
 * Given/when/then over the end block's bookkeeping (spec §4.4, §4.10, §4.11): when the tally
 * runs, what ClearBallots keeps, how ApplyWhitelist resets the vote targets, and who misses.
 */
import t from 'tap';
import * as dec from '@marketnode/dec';
import { isPeriodLastBlock, oracleEndBlock, type OracleParams } from '../src/index.js';
import { ABCI_TEST_PARAMS, TOBIN_TAX, d, scenario, storeVotes } from './support/fixtures.js';

const POWERS = { val0: 10, val1: 10, val2: 10 };

t.test('IsPeriodLastBlock is (h + 1) mod period == 0', (t) => {
  const tallyHeights = [];
  for (let height = 0n; height < 25n; height += 1n)
    if (isPeriodLastBlock(height, 5n)) tallyHeights.push(height);
  t.same(tallyHeights, [4n, 9n, 14n, 19n, 24n]);
  t.end();
});

t.test('with vote period 10 the tally runs at the end of height 9, not 0', (t) => {
  // Given two of three validators voted usdr 1700
  const params: OracleParams = { ...ABCI_TEST_PARAMS, votePeriod: 10n };
  const context = scenario({ params, powers: POWERS, voteTargets: ['usdr'] });
  storeVotes(context.oracle, { val0: { usdr: '1700' }, val1: { usdr: '1700' } });
  // When height 0 ends, nothing is tallied and the votes stay
  t.equal(oracleEndBlock(context, 0n).tallied, false);
  t.equal(context.oracle.votes.size, 2);
  // When height 9 ends, the rate is set
  t.equal(oracleEndBlock(context, 9n).tallied, true);
  t.same([...context.oracle.exchangeRates], [['usdr', d('1700')]]);
  t.end();
});

t.test('ClearBallots deletes every vote but keeps prevotes until they are a vote period old', (t) => {
  // Given three prevotes submitted at height 0 and their votes, vote period 5
  const params: OracleParams = { ...ABCI_TEST_PARAMS, votePeriod: 5n, slashWindow: 100_800n };
  const context = scenario({ params, powers: POWERS });
  for (const operator of Object.keys(POWERS))
    context.oracle.prevotes.set(operator, { hash: 'ab'.repeat(20), submitBlock: 0n });
  storeVotes(context.oracle, { val0: { usdr: '1' }, val1: { usdr: '1' }, val2: { usdr: '1' } });
  // When the period ending at height 4 is tallied
  oracleEndBlock(context, 4n);
  // Then the votes are gone and the prevotes stay (4 > 0 + 5 is false)
  t.equal(context.oracle.votes.size, 0);
  t.equal(context.oracle.prevotes.size, 3);
  // When the tally at height 9 runs (9 > 5), the stale prevotes go
  oracleEndBlock(context, 9n);
  t.equal(context.oracle.prevotes.size, 0);
  t.end();
});

t.test('ClearBallots keeps a prevote whose period has not been revealed yet', (t) => {
  const params: OracleParams = { ...ABCI_TEST_PARAMS, votePeriod: 5n, slashWindow: 100_800n };
  const context = scenario({ params, powers: POWERS });
  context.oracle.prevotes.set('val0', { hash: 'ab'.repeat(20), submitBlock: 12n });
  oracleEndBlock(context, 14n);
  t.equal(context.oracle.prevotes.has('val0'), true, 'kept for reveal at 15-19');
  oracleEndBlock(context, 19n);
  t.equal(context.oracle.prevotes.has('val0'), false, 'unrevealed by 19 (19 > 17): deleted');
  t.end();
});

t.test(
  'every tally first deletes all stored rates: a failing ballot leaves its denom without a rate',
  (t) => {
    const context = scenario({ powers: POWERS, voteTargets: ['ukrw', 'usdr'] });
    context.oracle.exchangeRates.set('ukrw', d('1700'));
    context.oracle.exchangeRates.set('usdr', d('1'));
    storeVotes(context.oracle, { val0: { usdr: '2' }, val1: { usdr: '2' } });
    oracleEndBlock(context, 0n);
    t.same([...context.oracle.exchangeRates], [['usdr', d('2')]]);
    t.end();
  },
);

t.test('ApplyWhitelist makes the next vote targets the whitelist, one period after a param change', (t) => {
  // Given vote targets equal to the whitelist
  const context = scenario({ powers: POWERS });
  const whitelist = [{ name: 'ukrw', tobinTax: TOBIN_TAX }];
  context.oracle.params = { ...context.oracle.params, whitelist };
  // Then the targets change only when the period ends
  t.same([...context.oracle.tobinTaxes.keys()].sort(), ['ukrw', 'umnt', 'usdr', 'uusd']);
  const report = oracleEndBlock(context, 0n);
  t.equal(report.whitelistApplied, true);
  t.same([...context.oracle.tobinTaxes], [['ukrw', TOBIN_TAX]]);
  // And an unchanged whitelist with a passing (or absent) ballot does not rewrite them
  storeVotes(context.oracle, { val0: { ukrw: '1' }, val1: { ukrw: '1' } });
  t.equal(oracleEndBlock(context, 1n).whitelistApplied, false);
  t.end();
});

t.test('a failed ballot drops its denom from the targets for this period only', (t) => {
  const context = scenario({ powers: POWERS, voteTargets: ['ukrw'] });
  context.oracle.params = { ...context.oracle.params, whitelist: [{ name: 'ukrw', tobinTax: TOBIN_TAX }] };
  storeVotes(context.oracle, { val0: { ukrw: '1700' } });
  const report = oracleEndBlock(context, 0n);
  t.same(report.voteTargetsAfterPick, []);
  t.equal(report.whitelistApplied, true, 'the removal triggers the refresh');
  t.same([...context.oracle.tobinTaxes.keys()], ['ukrw']);
  t.end();
});

t.test('a tobin tax change in the whitelist is applied at the end of the period', (t) => {
  const context = scenario({ powers: POWERS, voteTargets: ['ukrw'] });
  const newTax = dec.parse('0.01');
  context.oracle.params = { ...context.oracle.params, whitelist: [{ name: 'ukrw', tobinTax: newTax }] };
  storeVotes(context.oracle, { val0: { ukrw: '1' }, val1: { ukrw: '1' }, val2: { ukrw: '1' } });
  t.equal(oracleEndBlock(context, 0n).whitelistApplied, true);
  t.equal(context.oracle.tobinTaxes.get('ukrw'), newTax);
  t.end();
});

t.test('votes of validators outside the active set are ignored, and they get no claim or miss', (t) => {
  // Given val2 jailed and val3 unbonded, both voting
  const context = scenario({ powers: { ...POWERS, val3: 10 }, voteTargets: ['ukrw'] });
  const jailed = context.staking.validators.get('val2');
  const unbonded = context.staking.validators.get('val3');
  if (jailed === undefined || unbonded === undefined) throw new Error('fixture');
  jailed.jailed = true;
  unbonded.status = 'unbonded';
  storeVotes(context.oracle, {
    val0: { ukrw: '1' },
    val1: { ukrw: '1' },
    val2: { ukrw: '9' },
    val3: { ukrw: '9' },
  });
  // When the period ends
  const report = oracleEndBlock(context, 0n);
  // Then only val0 and val1 count; the threshold still counts the jailed-but-bonded stake
  t.same(
    report.claims.map((c) => c.operator),
    ['val0', 'val1'],
  );
  t.equal(report.thresholdVotes, 15n, 'round(0.5 · 30)');
  t.same([...context.oracle.exchangeRates], [['ukrw', d('1')]]);
  t.same(report.missCountersIncremented, []);
  t.end();
});

t.test('the active set is capped at MaxValidators, by power', (t) => {
  const context = scenario({ powers: { big: 30, mid: 20, small: 10 }, voteTargets: ['ukrw'] });
  context.staking.maxValidators = 2;
  storeVotes(context.oracle, { big: { ukrw: '1' }, mid: { ukrw: '1' }, small: { ukrw: '1' } });
  const report = oracleEndBlock(context, 0n);
  t.same(
    report.claims.map((c) => c.operator),
    ['big', 'mid'],
  );
  t.same(report.missCountersIncremented, [], 'small has no claim, so no miss');
  t.end();
});

t.test('miss counters accumulate across periods', (t) => {
  const context = scenario({ powers: POWERS, voteTargets: ['ukrw'] });
  context.oracle.params = { ...context.oracle.params, whitelist: [{ name: 'ukrw', tobinTax: TOBIN_TAX }] };
  for (let height = 0n; height < 3n; height += 1n) {
    storeVotes(context.oracle, { val0: { ukrw: '1' }, val1: { ukrw: '1' } });
    oracleEndBlock(context, height);
  }
  t.same([...context.oracle.missCounters], [['val2', 3n]]);
  t.end();
});

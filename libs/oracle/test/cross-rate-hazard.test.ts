/**
 * Spec §4.7's hazard: when no voter of a passing denom cast a positive reference-Terra vote, its
 * cross-rate median is 0 and the reference divides by zero (a panic that halts the chain). Here the
 * end block completes: that denom gets no rate and is reported in `rateFailures`.
 */
import t from 'tap';
import * as dec from '@marketnode/dec';
import { oracleEndBlock, type OracleParams } from '../src/index.js';
import { ABCI_TEST_PARAMS, d, scenario, storeVotes } from './support/fixtures.js';

t.test('an exact 50/50 split with disjoint voters: RT gets its rate, the other denom is skipped', (t) => {
  // Given valA (50) votes only ukrw and valB (50) only usdr; threshold round(0.5 · 100) = 50
  const context = scenario({ powers: { valA: 50, valB: 50 }, voteTargets: ['ukrw', 'usdr'] });
  storeVotes(context.oracle, { valA: { ukrw: '1700' }, valB: { usdr: '1.2' } });
  // When the period ends
  const report = oracleEndBlock(context, 0n);
  // Then ukrw (the alphabetical tie-break) is RT and priced; usdr is reported, not priced
  t.equal(report.referenceTerra, 'ukrw');
  t.same([...context.oracle.exchangeRates], [['ukrw', d('1700')]]);
  t.same(
    report.rateFailures.map((f) => f.denom),
    ['usdr'],
  );
  t.match(report.rateFailures[0]?.reason, /division by zero/);
  // And the usdr cross ballot (all abstains) still counted as tallied: valB won it, valA did not vote it
  t.same(report.ballots.find((b) => b.denom === 'usdr')?.median, dec.ZERO);
  t.same(
    report.claims.map((c) => [c.operator, c.weight, c.winCount]),
    [
      ['valA', 50n, 1n],
      ['valB', 0n, 1n],
    ],
  );
  t.same(report.voteTargetsAfterPick, ['ukrw', 'usdr'], 'usdr passed, so it stays a target');
  t.same(report.missCountersIncremented, ['valA', 'valB']);
  t.end();
});

t.test('a threshold below 0.5 lets two disjoint minorities pass; the end block still completes', (t) => {
  const params: OracleParams = { ...ABCI_TEST_PARAMS, voteThreshold: d('0.34') };
  const context = scenario({
    params,
    powers: { valA: 40, valB: 35, valC: 25 },
    voteTargets: ['ukrw', 'usdr'],
  });
  storeVotes(context.oracle, { valA: { ukrw: '1700' }, valB: { usdr: '1.2' } });
  const report = oracleEndBlock(context, 0n);
  t.equal(report.thresholdVotes, 34n);
  t.equal(report.referenceTerra, 'ukrw');
  t.same(
    report.exchangeRates.map((r) => r.denom),
    ['ukrw'],
  );
  t.same(
    report.rateFailures.map((f) => f.denom),
    ['usdr'],
  );
  t.equal(context.oracle.votes.size, 0, 'the rest of the end block ran');
  t.end();
});

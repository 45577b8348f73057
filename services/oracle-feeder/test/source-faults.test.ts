// A source that goes silent, one that quotes an outlier and one that answers garbage: the feeder
// drops the stale quotes, gates the outlier and abstains (votes 0) on the denom that lost its only
// source; each shows in /metrics (scraped over HTTP) and in the log, and no wrong price is voted.
// Real nats-server and engine (external ticks); the feeder votes for all four demo validators.
// The sources quote the market pairs at different levels (silent 1.00, outlier 0.97, steady 1.03
// times the demo prices), so which quotes are pooled shows in the price: a stale quote that was
// used, or an outlier that was not gated, would move the voted uusd rate well outside 1%.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as dec from '@marketnode/dec';
import { isPeriodLastBlock, parseExchangeRateTuples } from '@marketnode/oracle';
import { pino } from 'pino';
import { startEngineFixture } from '../../market-engine/test/support/engine-fixture.js';
import { DEMO_DENOM_PRICING } from '../src/aggregation/demo-pricing.js';
import { startFeeder } from '../src/service/feeder.js';
import { openHeight, tick, waitFor } from './support/block-driver.js';
import { sampleValue, scrape } from './support/metrics-text.js';
import { OracleWireRecorder } from './support/oracle-wire-recorder.js';
import { demoPrices, ScriptedSource } from './support/scripted-source.js';

const VALIDATORS = ['terravaloper1alpha', 'terravaloper1beta', 'terravaloper1gamma', 'terravaloper1delta'];
const VOTE_PERIOD = 5n; // the demo genesis's
const MARKET_PAIRS = ['LUNA/USDT', 'USDT/USD', 'USD/XDR', 'BTC/USD'];
const SILENT_MAX_AGE_MS = 300;
/** Wide enough that the in-band sources (0.97 to 1.03 of the demo prices, 1.5x apart) are never gated. */
const DEVIATION_BAND_PCT = '10';
/** Where the market moves while the silent source is silent: its last quotes are 4% below it. */
const MARKET_LEVEL_AFTER_MOVE = '1.04';
/**
 * The pooled scale of every market pair (of the demo prices) each round should use, and what a
 * broken feeder would pool instead. uusd is LUNA/USDT times USDT/USD, so it moves by the square.
 * - baseline: median(1.00, 0.97, 1.03) = 1.00.
 * - silent: the live outlier and steady sources, moved to 1.04: mean(0.97, 1.03) * 1.04 = 1.04;
 *   with the stale 1.00 kept: median(1.00, 1.0088, 1.0712) = 1.0088 (uusd 6% low).
 * - outlier (x1.5): silent and steady at 1.04: mean(1.00, 1.03) * 1.04 = 1.0556; ungated:
 *   median(1.04, 1.0712, 1.5132) = 1.0712 (uusd 3% high).
 */
const EXPECTED_SCALE = { baseline: '1', silent: '1.04', outlier: '1.0556' } as const;

function pick(prices: Record<string, string>, pairs: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(prices).filter(([pair]) => pairs.includes(pair)));
}

t.test('silent, outlier and garbage sources: dropped, gated, abstained; visible; never voted', async (t) => {
  const fixture = await startEngineFixture();
  t.teardown(() => fixture.close());
  const recorder = new OracleWireRecorder(fixture.client);
  t.teardown(() => recorder.close());
  recorder.openHeight = await openHeight(fixture);
  const dataDir = mkdtempSync(join(tmpdir(), 'feeder-faults-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const silent = new ScriptedSource('silent', pick(demoPrices('1'), MARKET_PAIRS), {
    maxAgeMs: SILENT_MAX_AGE_MS,
  });
  const outlier = new ScriptedSource('outlier', pick(demoPrices('0.97'), MARKET_PAIRS));
  const steady = new ScriptedSource('steady', pick(demoPrices('1.03'), MARKET_PAIRS));
  const fx = new ScriptedSource('fx', pick(demoPrices('1'), ['USD/KRW']));
  const logLines: Record<string, unknown>[] = [];
  const feeder = await startFeeder({
    natsUrl: fixture.nats.url,
    validators: VALIDATORS,
    sources: [silent, outlier, steady, fx],
    aggregation: {
      denoms: DEMO_DENOM_PRICING,
      defaultPolicy: { minSources: 2, deviationBandPct: DEVIATION_BAND_PCT },
      pairPolicies: { 'USD/KRW': { minSources: 1, deviationBandPct: DEVIATION_BAND_PCT } },
      futureSkewMsMax: 5_000,
    },
    dataDir,
    logger: pino({}, { write: (line: string) => logLines.push(JSON.parse(line) as Record<string, unknown>) }),
    metricsPort: 0,
    processMetrics: false,
  });
  t.teardown(() => feeder.stop());
  let height = 0n;
  /** Ends blocks through the end of the current period, so the next round is the feeder's next prevote. */
  const toPeriodEnd = async (): Promise<void> => {
    do height = await tick(fixture, recorder, [feeder]);
    while (!isPeriodLastBlock(height, VOTE_PERIOD));
  };
  const logged = (msg: string, fields: Record<string, string>) =>
    logLines.some((line) => line['msg'] === msg && Object.entries(fields).every(([k, v]) => line[k] === v));

  // Each round is decided when the feeder acts on a period's last block (its prevote lands in the
  // next period's first block): after this, the rounds of periods 0 and 1 had every source quoting.
  await toPeriodEnd();
  const baseline = await scrape(feeder.telemetryUrl);
  t.equal(sampleValue(baseline, 'marketnode_feeder_source_up', { source: 'silent' }), 1, 'every source up');
  t.equal(
    sampleValue(baseline, 'marketnode_feeder_prevotes_sent_total', { validator: 'terravaloper1alpha' }),
    recorder.of('prevote', 'terravaloper1alpha').length,
    'prevotes counted as sent on the wire',
  );

  silent.behaviour = { kind: 'silent' };
  for (const source of [silent, outlier, steady]) source.marketLevel = MARKET_LEVEL_AFTER_MOVE;
  const lastQuotedAtMs = silent.lastQuotedAtMs ?? 0;
  await waitFor('the silent source to go stale', () => Date.now() > lastQuotedAtMs + SILENT_MAX_AGE_MS);
  await toPeriodEnd(); // period 2's round: the silent source's quotes are stale
  const afterSilent = await scrape(feeder.telemetryUrl);
  t.ok(
    (sampleValue(afterSilent, 'marketnode_feeder_quotes_stale_total', {
      source: 'silent',
      pair: 'LUNA/USDT',
    }) ?? 0) > 0,
    'stale drops counted for the silent source',
  );
  t.ok(logged('stale quote dropped', { source: 'silent', pair: 'LUNA/USDT' }), 'and logged');

  silent.behaviour = { kind: 'quoting' };
  outlier.behaviour = { kind: 'outlier', factor: '1.5' };
  await toPeriodEnd(); // period 3's round: three live sources, one 50% off (the median's side)
  const afterOutlier = await scrape(feeder.telemetryUrl);
  t.ok(
    (sampleValue(afterOutlier, 'marketnode_feeder_quotes_gated_total', {
      source: 'outlier',
      pair: 'LUNA/USDT',
    }) ?? 0) > 0,
    'the outlier gated',
  );
  t.ok(logged('outlier quote gated', { source: 'outlier', pair: 'LUNA/USDT' }), 'and logged');

  outlier.behaviour = { kind: 'quoting' };
  fx.behaviour = { kind: 'garbage' };
  await toPeriodEnd(); // period 4's round: the only USD/KRW source is down
  const afterGarbage = await scrape(feeder.telemetryUrl);
  t.equal(
    sampleValue(afterGarbage, 'marketnode_feeder_source_up', { source: 'fx' }),
    0,
    'the garbage source is down',
  );
  t.ok(
    (sampleValue(afterGarbage, 'marketnode_feeder_source_failures_total', {
      source: 'fx',
      code: 'FEEDER_ERR_SOURCE_MALFORMED',
    }) ?? 0) > 0,
    'its failure counted with its code',
  );
  t.equal(
    sampleValue(afterGarbage, 'marketnode_feeder_abstains_total', {
      validator: 'terravaloper1alpha',
      denom: 'ukrw',
    }),
    1,
    'ukrw abstained',
  );
  t.equal(sampleValue(afterGarbage, 'marketnode_feeder_rate', { denom: 'ukrw' }), 0);
  t.ok(logged('abstaining (voting 0)', { denom: 'ukrw' }), 'the abstain logged');
  // Every line names the validator(s) it is about; every line but the start-up one names its period.
  const namesValidator = (line: Record<string, unknown>): boolean =>
    (typeof line['validator'] === 'string' && VALIDATORS.includes(line['validator'])) ||
    (Array.isArray(line['validators']) &&
      line['validators'].length > 0 &&
      line['validators'].every((validator) => VALIDATORS.includes(validator as string)));
  t.same(
    logLines.filter((line) => !namesValidator(line)),
    [],
    'every line names its validator',
  );
  t.same(
    logLines.filter((line) => line['msg'] !== 'feeder running' && line['period'] === undefined),
    [],
    'every line names its period',
  );

  await toPeriodEnd(); // the garbage round's prevote is revealed in period 5
  await toPeriodEnd(); // ... and tallied at its end
  const voted = votedRates(recorder, 'terravaloper1alpha');
  const [, baselineVote, silentVote, outlierVote, garbageVote] = voted;
  t.equal(voted.length >= 5, true, `alpha revealed every round (${voted.length})`);
  for (const [phase, vote] of [
    ['silent', silentVote],
    ['outlier', outlierVote],
  ] as const) {
    // What the vote should be against the baseline: the pooled scales' ratio, squared (see above).
    const scale = dec.quo(dec.parse(EXPECTED_SCALE[phase]), dec.parse(EXPECTED_SCALE.baseline));
    const expected = dec.mul(scale, scale);
    const ratio = dec.quo(vote?.get('uusd') ?? dec.ZERO, baselineVote?.get('uusd') ?? dec.ONE);
    const offBy = dec.quo(ratio, expected);
    t.ok(
      offBy > dec.parse('0.99') && offBy < dec.parse('1.01'),
      `${phase}: uusd voted within 1% of ${dec.format(expected)} x the baseline (${dec.format(ratio)})`,
    );
  }
  t.equal(garbageVote?.get('ukrw'), dec.ZERO, 'ukrw voted 0, not a stale or made-up price');
  t.ok((garbageVote?.get('uusd') ?? 0n) > 0n, 'the other denoms still voted');
  const rates = await fixture.request('market.query.rates', {});
  const exchangeRates = rates.ok
    ? (rates.value as { exchangeRates: Record<string, string> }).exchangeRates
    : {};
  t.notOk('ukrw' in exchangeRates, 'the engine sets no ukrw rate from abstains');
  t.ok('uusd' in exchangeRates, 'and still sets uusd');
});

/** Alpha's revealed votes in order, denom to rate. */
function votedRates(recorder: OracleWireRecorder, validator: string): Map<string, dec.Dec>[] {
  return recorder.of('vote', validator).map((vote) => {
    const parsed = parseExchangeRateTuples(vote.payload['exchangeRates'] as string);
    if (!parsed.ok) throw new Error(parsed.reason);
    return new Map(parsed.tuples.map((tuple) => [tuple.denom, tuple.exchangeRate]));
  });
}

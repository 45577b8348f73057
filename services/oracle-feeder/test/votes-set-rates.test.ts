// End to end: a real nats-server and engine (external ticks), three feeders (in this process) voting for the demo genesis's four validators with different prices.
// After every vote period, the engine's rates must equal the core's tally of exactly the votes the
// feeders put on the wire, computed here by the reference node, not restated.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPeriodLastBlock } from '@marketnode/oracle';
import { pino } from 'pino';
import { DEMO_GENESIS, startEngineFixture } from '../../market-engine/test/support/engine-fixture.js';
import { DEMO_DENOM_PRICING } from '../src/aggregation/demo-pricing.js';
import type { AggregationConfig } from '../src/aggregation/aggregation-config.js';
import { startFeeder, type RunningFeeder } from '../src/service/feeder.js';
import { openHeight, tick } from './support/block-driver.js';
import { OracleWireRecorder } from './support/oracle-wire-recorder.js';
import { ReferenceNode } from './support/reference-node.js';
import { demoPrices, ScriptedSource } from './support/scripted-source.js';

const AGGREGATION: AggregationConfig = {
  denoms: DEMO_DENOM_PRICING,
  defaultPolicy: { minSources: 1, deviationBandPct: '5' },
  futureSkewMsMax: 5_000,
};
const VOTE_PERIODS = 4;

t.test('after each vote period the engine holds the tally of the votes sent', async (t) => {
  const fixture = await startEngineFixture();
  t.teardown(() => fixture.close());
  const recorder = new OracleWireRecorder(fixture.client);
  recorder.openHeight = await openHeight(fixture);
  t.teardown(() => recorder.close());
  const dataDir = mkdtempSync(join(tmpdir(), 'feeder-e2e-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const feeders: RunningFeeder[] = [];
  t.teardown(() => Promise.all(feeders.map((feeder) => feeder.stop())));
  // Three feeders that disagree by a few percent and drift per block, one of them voting for two
  // validators: with powers 40/30/20/10 every vote moves the weighted median or the reward band.
  for (const [validators, scale, drift] of [
    [['terravaloper1alpha'], '1', '0.001'],
    [['terravaloper1beta', 'terravaloper1delta'], '1.03', '-0.002'],
    [['terravaloper1gamma'], '0.98', '0.0005'],
  ] as const) {
    feeders.push(
      await startFeeder({
        natsUrl: fixture.nats.url,
        validators,
        sources: [new ScriptedSource(`sim-${scale}`, demoPrices(scale), { driftPerBlock: drift })],
        aggregation: AGGREGATION,
        dataDir,
        logger: pino({ level: 'silent' }),
        processMetrics: false,
      }),
    );
  }
  const reference = new ReferenceNode(DEMO_GENESIS);
  const params = (await fixture.request('market.query.params', {})) as {
    ok: true;
    value: { oracle: { votePeriod: bigint } };
  };
  const votePeriod = params.value.oracle.votePeriod;

  let tallies = 0;
  let talliesWithRates = 0;
  let votesThisPeriod = 0;
  while (tallies < VOTE_PERIODS) {
    const height = await tick(fixture, recorder, feeders);
    const accepted = acceptedVotes(recorder, height);
    votesThisPeriod += accepted.length;
    reference.endBlock(height, accepted);
    if (!isPeriodLastBlock(height, votePeriod)) continue;
    tallies++;
    const votes = votesThisPeriod;
    votesThisPeriod = 0;
    const rates = await fixture.request('market.query.rates', {});
    if (!rates.ok) throw new Error(rates.error.code);
    const engineRates = (rates.value as { exchangeRates: Record<string, string> }).exchangeRates;
    t.same(engineRates, reference.exchangeRates(), `tally at height ${height}: ${votes} votes`);
    if (votes > 0) {
      talliesWithRates++;
      t.equal(votes, 4, `every validator's vote was accepted in the period ending at ${height}`);
      t.equal(Object.keys(engineRates).length, 4, 'every whitelisted denom got a rate');
    }
  }
  t.ok(talliesWithRates >= VOTE_PERIODS - 2, `${talliesWithRates} tallies set rates from feeder votes`);
  const rejected = recorder.messages.filter((m) => m.action === 'result' && m.payload['ok'] !== true);
  t.same(rejected, [], 'no oracle message was rejected');
});

/** The votes of block `height` whose result was accepted. */
function acceptedVotes(
  recorder: OracleWireRecorder,
  height: bigint,
): { validator: string; exchangeRates: string }[] {
  return recorder.votes(height).flatMap((vote) => {
    const result = recorder.messages.find(
      (m) =>
        m.action === 'result' &&
        m.validator === vote.validator &&
        m.payload['ok'] === true &&
        (m.payload['value'] as { type?: string } | undefined)?.type === 'VoteSubmitted' &&
        m.height === height,
    );
    return result === undefined
      ? []
      : [{ validator: vote.validator, exchangeRates: vote.payload['exchangeRates'] as string }];
  });
}

// A validator whose feeder stops accrues a miss every vote period and, at the end of a short slash
// window, is slashed and jailed; from the next tally on its power is no longer among the claims.
// Real nats-server and engine on a test genesis (the demo one with a 2-block vote period, a 20-block
// slash window and 50% valid periods required); the verdicts are checked against the core's own.
import t from 'tap';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MarketClient } from '@marketnode/market-client';
import { isPeriodLastBlock } from '@marketnode/oracle';
import { pino } from 'pino';
import { DEMO_GENESIS, startEngineFixture } from '../../market-engine/test/support/engine-fixture.js';
import { DEMO_DENOM_PRICING } from '../src/aggregation/demo-pricing.js';
import { startFeeder, type FeederOptions } from '../src/service/feeder.js';
import { openHeight, tick } from './support/block-driver.js';
import { CommittedEvents } from './support/committed-events.js';
import { OracleWireRecorder } from './support/oracle-wire-recorder.js';
import { ReferenceNode } from './support/reference-node.js';
import { demoPrices, ScriptedSource } from './support/scripted-source.js';

const DELTA = 'terravaloper1delta';
const VOTE_PERIOD = 2n;
const SLASH_WINDOW = 20n;

t.test('a validator that stops voting is slashed and jailed at the end of the slash window', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'feeder-slash-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const genesis = JSON.parse(readFileSync(DEMO_GENESIS, 'utf8')) as {
    oracle: { params: Record<string, unknown> };
  };
  Object.assign(genesis.oracle.params, {
    vote_period: String(VOTE_PERIOD),
    slash_window: String(SLASH_WINDOW),
    min_valid_per_window: '0.5',
  });
  const genesisPath = join(dir, 'genesis.json');
  writeFileSync(genesisPath, JSON.stringify(genesis));

  const fixture = await startEngineFixture({ genesisPath });
  t.teardown(() => fixture.close());
  const client = await MarketClient.connect({ servers: fixture.nats.url, name: 'slash-test' });
  t.teardown(() => client.close());
  const committed = new CommittedEvents(client);
  const recorder = new OracleWireRecorder(fixture.client);
  t.teardown(() => recorder.close());
  recorder.openHeight = await openHeight(fixture);
  const options = (validators: string[], scale: string): FeederOptions => ({
    natsUrl: fixture.nats.url,
    validators,
    sources: [new ScriptedSource(`sim-${scale}`, demoPrices(scale))],
    aggregation: {
      denoms: DEMO_DENOM_PRICING,
      defaultPolicy: { minSources: 1, deviationBandPct: '5' },
      futureSkewMsMax: 5_000,
    },
    dataDir: dir,
    logger: pino({ level: 'silent' }),
    processMetrics: false,
  });
  const others = await startFeeder(
    options(['terravaloper1alpha', 'terravaloper1beta', 'terravaloper1gamma'], '1'),
  );
  t.teardown(() => others.stop());
  const delta = await startFeeder(options([DELTA], '1.001'));
  const reference = new ReferenceNode(genesisPath);
  const feeders = [others, delta];

  // Delta votes twice, then its feeder stops for good.
  let height = 0n;
  const endBlock = async () => {
    height = await tick(fixture, recorder, feeders);
    return reference.endBlock(height, acceptedVotes(recorder, height));
  };
  while (acceptedVotes(recorder).filter((vote) => vote.validator === DELTA).length < 2) await endBlock();
  await delta.stop();
  feeders.pop();
  let report = await endBlock();
  while (!isPeriodLastBlock(height, SLASH_WINDOW)) report = await endBlock();
  await client.connection.flush();

  const windowEnd = committed.ofType('SlashWindowEnded').find((event) => event.height === height);
  t.ok(windowEnd, `the slash window ended at ${height}`);
  const verdict = windowEnd?.verdicts.find((entry) => entry.operator === DELTA);
  t.ok(
    verdict?.slashed,
    `delta slashed with ${verdict?.missCounter} misses of ${SLASH_WINDOW / VOTE_PERIOD} periods`,
  );
  t.same(
    windowEnd?.verdicts.filter((entry) => entry.slashed).map((entry) => entry.operator),
    [DELTA],
    'only delta',
  );
  t.same(report.oracle.jailed, [DELTA], "the core's own end block jails delta from the same votes");
  t.same(
    windowEnd?.verdicts.map((entry) => [entry.operator, entry.missCounter]),
    report.oracle.missCounterVerdicts.map((entry) => [entry.operator, entry.missCounter]),
    'the miss counters are those of the core',
  );
  t.ok(
    committed.ofType('ValidatorJailed').some((event) => event.operator === DELTA && event.height === height),
    'jailed',
  );
  t.ok(
    committed.ofType('ValidatorSlashed').some((event) => event.operator === DELTA && event.height === height),
    'slashed',
  );

  do await endBlock();
  while (!isPeriodLastBlock(height, VOTE_PERIOD));
  await client.connection.flush();
  const tally = committed.ofType('ExchangeRatesTallied').find((event) => event.height === height);
  t.same(
    tally?.claims.map((claim) => claim.operator).sort(),
    ['terravaloper1alpha', 'terravaloper1beta', 'terravaloper1gamma'],
    "delta's power left the tally",
  );
  t.equal(tally?.exchangeRates.length, 4, 'the others still set every rate');
  await committed.close();
});

function acceptedVotes(
  recorder: OracleWireRecorder,
  height?: bigint,
): { validator: string; exchangeRates: string }[] {
  return recorder.votes(height).flatMap((vote) => {
    const accepted = recorder
      .of('result', vote.validator)
      .some(
        (m) =>
          m.height === vote.height &&
          (m.payload['value'] as { type?: string } | undefined)?.type === 'VoteSubmitted',
      );
    return accepted
      ? [{ validator: vote.validator, exchangeRates: vote.payload['exchangeRates'] as string }]
      : [];
  });
}

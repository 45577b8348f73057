// Failures cost at most the period they happen in: a reveal the engine rejects still leaves the next
// prevote in place (the next period's reveal is accepted); a rejected prevote is tried again on the
// next block; a pending vote whose reveal period has passed is discarded with a log line. Real
// nats-server and engine (external ticks).
import t from 'tap';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPeriodLastBlock } from '@marketnode/oracle';
import { pino } from 'pino';
import { startEngineFixture } from '../../market-engine/test/support/engine-fixture.js';
import { AGGREGATION_DEFAULT } from '../src/config/feeder-config.js';
import { startFeeder, type FeederOptions, type RunningFeeder } from '../src/service/feeder.js';
import { PendingVoteStore } from '../src/voting/pending-vote-store.js';
import { openHeight, tick } from './support/block-driver.js';
import { sampleValue, scrape } from './support/metrics-text.js';
import { OracleWireRecorder, type WireMessage } from './support/oracle-wire-recorder.js';
import { demoPrices, ScriptedSource } from './support/scripted-source.js';

const ALPHA = 'terravaloper1alpha';
const VOTE_PERIOD = 5n; // the demo genesis's

const resultType = (m: WireMessage) => (m.payload['value'] as { type?: string } | undefined)?.type;
const errorCode = (m: WireMessage) => (m.payload['error'] as { code?: string } | undefined)?.code;

async function setUp(t: { teardown(fn: () => unknown): void }) {
  const fixture = await startEngineFixture();
  t.teardown(() => fixture.close());
  const recorder = new OracleWireRecorder(fixture.client);
  t.teardown(() => recorder.close());
  recorder.openHeight = await openHeight(fixture);
  const dataDir = mkdtempSync(join(tmpdir(), 'feeder-failures-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const logLines: Record<string, unknown>[] = [];
  const options = (validators: string[]): FeederOptions => ({
    natsUrl: fixture.nats.url,
    validators,
    sources: [new ScriptedSource('sim', demoPrices('1'))],
    aggregation: AGGREGATION_DEFAULT,
    dataDir,
    logger: pino({}, { write: (line: string) => logLines.push(JSON.parse(line) as Record<string, unknown>) }),
    metricsPort: 0,
    processMetrics: false,
  });
  return { fixture, recorder, dataDir, logLines, options };
}

t.test('a rejected reveal keeps the next prevote; a stale pending vote is discarded', async (t) => {
  const { fixture, recorder, dataDir, logLines, options } = await setUp(t);
  const store = new PendingVoteStore(dataDir);
  let feeder: RunningFeeder = await startFeeder(options([ALPHA]));
  let height = await tick(fixture, recorder, [feeder]);
  const first = await store.load(ALPHA);
  if (first.kind !== 'found') throw new Error('no pending vote after the first prevote');
  await feeder.stop();
  // The pending vote no longer matches the prevote (a disk that lied, an operator's edit).
  await store.save({ ...first.pending, salt: first.pending.salt === 'aaaa' ? 'bbbb' : 'aaaa' });
  feeder = await startFeeder(options([ALPHA]));
  t.teardown(() => feeder.stop());
  while (!isPeriodLastBlock(height, VOTE_PERIOD)) height = await tick(fixture, recorder, [feeder]);
  const afterFirstReveal = recorder.of('result', ALPHA).map((m) => resultType(m) ?? errorCode(m));
  t.same(
    afterFirstReveal,
    ['PrevoteSubmitted', 'ORACLE_ERR_VERIFICATION_FAILED', 'PrevoteSubmitted'],
    'the reveal was rejected, and the next prevote still went in, after it',
  );
  do height = await tick(fixture, recorder, [feeder]);
  while (!isPeriodLastBlock(height, VOTE_PERIOD));
  t.equal(
    recorder.of('result', ALPHA).filter((m) => resultType(m) === 'VoteSubmitted').length,
    1,
    'the next period reveals normally: the failure cost one period',
  );
  const metrics = await scrape(feeder.telemetryUrl);
  t.equal(
    sampleValue(metrics, 'marketnode_feeder_reveals_failed_total', {
      validator: ALPHA,
      reason: 'ORACLE_ERR_VERIFICATION_FAILED',
    }),
    1,
    'the failed reveal is counted with its code',
  );
  t.equal(
    sampleValue(metrics, 'marketnode_feeder_periods_missed_total', { validator: ALPHA }),
    1,
    'and its period as missed; the next one is not',
  );

  // Stopped through a whole period: its pending vote can no longer be revealed.
  await feeder.stop();
  do height = await tick(fixture, recorder, []);
  while (!isPeriodLastBlock(height, VOTE_PERIOD));
  do height = await tick(fixture, recorder, []);
  while (!isPeriodLastBlock(height, VOTE_PERIOD));
  const votesBefore = recorder.of('vote', ALPHA).length;
  feeder = await startFeeder(options([ALPHA]));
  height = await tick(fixture, recorder, [feeder]);
  t.ok(
    logLines.some((line) => line['msg'] === 'pending vote is stale (its reveal period passed): discarded'),
    'the stale pending vote is discarded with a log line',
  );
  t.equal(recorder.of('vote', ALPHA).length, votesBefore, 'and never revealed');
  t.ok(existsSync(store.fileOf(ALPHA)), 'a new pending vote replaced it');
  t.ok(
    (sampleValue(await scrape(feeder.telemetryUrl), 'marketnode_feeder_periods_missed_total', {
      validator: ALPHA,
    }) ?? 0) === 0,
    'a fresh process counts only the periods it ran through',
  );
});

t.test('a rejected prevote is tried again on the next block, and /health says why', async (t) => {
  const { fixture, recorder, options } = await setUp(t);
  const ghost = 'terravaloper1ghost'; // not a validator of the genesis
  const feeder = await startFeeder(options([ghost]));
  t.teardown(() => feeder.stop());
  for (let block = 0; block < 3; block++) await tick(fixture, recorder, [feeder]);
  const prevotes = recorder.of('prevote', ghost);
  t.ok(prevotes.length >= 2, `prevoted again after each rejection (${prevotes.length})`);
  t.same(
    new Set(recorder.of('result', ghost).map(errorCode)),
    new Set(['ORACLE_ERR_NO_VOTING_PERMISSION']),
    'each one rejected: nobody may vote for a validator that does not exist',
  );
  const metrics = await scrape(feeder.telemetryUrl);
  t.equal(
    sampleValue(metrics, 'marketnode_feeder_prevotes_failed_total', {
      validator: ghost,
      reason: 'ORACLE_ERR_NO_VOTING_PERMISSION',
    }),
    prevotes.length,
  );
  const health = await fetch(`${feeder.telemetryUrl}/health`);
  t.equal(health.status, 503, 'unhealthy while its messages are rejected');
  t.match(await health.text(), /last prevote rejected: ORACLE_ERR_NO_VOTING_PERMISSION/);
});

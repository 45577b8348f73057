// A feeder killed (SIGKILL) between its prevote and its vote still reveals after a restart, in the
// right period: the engine accepts the vote and the tally includes it. Real nats-server and engine
// (external ticks); alpha's feeder is a child process, the other validators' feeders run here.
import t from 'tap';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPeriodLastBlock } from '@marketnode/oracle';
import { pino } from 'pino';
import { DEMO_GENESIS, startEngineFixture } from '../../market-engine/test/support/engine-fixture.js';
import { DEMO_DENOM_PRICING } from '../src/aggregation/demo-pricing.js';
import { startFeeder, type RunningFeeder } from '../src/service/feeder.js';
import { PendingVoteStore } from '../src/voting/pending-vote-store.js';
import { openHeight, tick, waitFor } from './support/block-driver.js';
import { startFeederProcess, type FeederProcess } from './support/feeder-process.js';
import { OracleWireRecorder, type WireMessage } from './support/oracle-wire-recorder.js';
import { ReferenceNode } from './support/reference-node.js';
import { demoPrices, ScriptedSource } from './support/scripted-source.js';

const ALPHA = 'terravaloper1alpha';
const VOTE_PERIOD = 5n; // the demo genesis's

function resultOf(recorder: OracleWireRecorder, type: string): WireMessage[] {
  return recorder
    .of('result', ALPHA)
    .filter((m) => (m.payload['value'] as { type?: string } | undefined)?.type === type);
}

t.test('killed after its prevote, the restarted feeder reveals in the next period', async (t) => {
  const fixture = await startEngineFixture();
  t.teardown(() => fixture.close());
  const recorder = new OracleWireRecorder(fixture.client);
  t.teardown(() => recorder.close());
  recorder.openHeight = await openHeight(fixture);
  const dataDir = mkdtempSync(join(tmpdir(), 'feeder-kill-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const feeders: RunningFeeder[] = [];
  t.teardown(() => Promise.all(feeders.map((feeder) => feeder.stop())));
  // Prices chosen so alpha's vote (power 40) is the weighted median: the tally shows whether it counted.
  for (const [validators, scale] of [
    [['terravaloper1beta'], '1'],
    [['terravaloper1gamma', 'terravaloper1delta'], '1.02'],
  ] as const)
    feeders.push(
      await startFeeder({
        natsUrl: fixture.nats.url,
        validators,
        sources: [new ScriptedSource(`sim-${scale}`, demoPrices(scale))],
        aggregation: {
          denoms: DEMO_DENOM_PRICING,
          defaultPolicy: { minSources: 1, deviationBandPct: '5' },
          futureSkewMsMax: 5_000,
        },
        dataDir,
        logger: pino({ level: 'silent' }),
        processMetrics: false,
      }),
    );
  const alphaOptions = { natsUrl: fixture.nats.url, validators: [ALPHA], dataDir, priceScale: '1.01' };
  let alpha: FeederProcess = await startFeederProcess(alphaOptions);
  t.teardown(() => alpha.child.kill('SIGKILL'));
  const reference = new ReferenceNode(DEMO_GENESIS);
  const endBlock = async (): Promise<bigint> => {
    const height = await tick(fixture, recorder, feeders);
    reference.endBlock(height, acceptedVotes(recorder, height));
    return height;
  };

  // Blocks until alpha's prevote is confirmed, then the kill, in the same period.
  let height = await endBlock();
  await waitFor("alpha's prevote result", () => resultOf(recorder, 'PrevoteSubmitted').length === 1);
  const prevote = resultOf(recorder, 'PrevoteSubmitted')[0] as WireMessage;
  const prevotePeriod = prevote.height / VOTE_PERIOD;
  t.ok(existsSync(new PendingVoteStore(dataDir).fileOf(ALPHA)), 'the pending vote is on disk');
  alpha.child.kill('SIGKILL');
  t.equal(await alpha.exited, null, 'killed by the signal');
  t.equal(height / VOTE_PERIOD, prevotePeriod, 'killed in the period of its prevote, before any reveal');

  alpha = await startFeederProcess(alphaOptions);
  while (!isPeriodLastBlock(height, VOTE_PERIOD)) height = await endBlock();
  await waitFor("alpha's vote result", () => recorder.of('result', ALPHA).length >= 3);
  const votes = resultOf(recorder, 'VoteSubmitted');
  t.equal(votes.length, 1, "the restarted feeder's reveal was accepted");
  t.equal(
    (votes[0] as WireMessage).height / VOTE_PERIOD,
    prevotePeriod + 1n,
    'in the period after its prevote',
  );
  t.equal(resultOf(recorder, 'PrevoteSubmitted').length, 2, 'and it prevoted again for the next period');
  t.ok(
    alpha.lines.some(
      (line) => line['msg'] === 'pending vote found: it will be revealed in its reveal period',
    ),
    'the restart says it found the pending vote',
  );

  do height = await endBlock();
  while (!isPeriodLastBlock(height, VOTE_PERIOD));
  const rates = await fixture.request('market.query.rates', {});
  if (!rates.ok) throw new Error(rates.error.code);
  const engineRates = (rates.value as { exchangeRates: Record<string, string> }).exchangeRates;
  t.same(
    engineRates,
    reference.exchangeRates(),
    `the tally at ${height} is the core's, alpha's vote included`,
  );
  const withoutAlpha = new ReferenceNode(DEMO_GENESIS);
  for (let h = 1n; h <= height; h++)
    withoutAlpha.endBlock(
      h,
      acceptedVotes(recorder, h).filter((vote) => vote.validator !== ALPHA),
    );
  t.notSame(engineRates, withoutAlpha.exchangeRates(), "alpha's revealed vote moved the rates");
  const rejected = recorder.messages.filter((m) => m.action === 'result' && m.payload['ok'] !== true);
  t.same(rejected, [], 'no oracle message was rejected');
});

function acceptedVotes(
  recorder: OracleWireRecorder,
  height: bigint,
): { validator: string; exchangeRates: string }[] {
  return recorder.votes(height).flatMap((vote) => {
    const accepted = recorder
      .of('result', vote.validator)
      .some(
        (m) =>
          m.height === height &&
          (m.payload['value'] as { type?: string } | undefined)?.type === 'VoteSubmitted',
      );
    return accepted
      ? [{ validator: vote.validator, exchangeRates: vote.payload['exchangeRates'] as string }]
      : [];
  });
}

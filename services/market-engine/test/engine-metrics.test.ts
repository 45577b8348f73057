// The engine's /metrics and /health on a real engine (nats-server, LMDB in a temp folder): swaps,
// rejections, oracle messages and blocks show up in the counters and state gauges, the text passes
// `promtool check metrics`, and /health names its checks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { closeNats, connectNats, decodeReply, encodePayload, startNatsServer } from '@marketnode/nats-kit';
import { pino } from 'pino';
import { runEngine } from '../src/engine/run-engine.js';
import { engineHealthChecks } from '../src/metrics/engine-health.js';
import type { NatsConnectionWatch } from '../src/metrics/nats-connection-watch.js';
import { DEMO_GENESIS } from './support/engine-fixture.js';
import { promtoolCheckMetrics } from './support/promtool.js';

const REQUEST_TIMEOUT_MS = 10_000;
const HEALTH_CHANGE_TIMEOUT_MS = 20_000;

/**
 * The value of the one series named `name` whose labels include `labels`, or undefined when none
 * does (labels in any order, as prom-client writes them).
 */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const found = text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)));
  if (found.length > 1) throw new Error(`${found.length} series of ${name} match ${JSON.stringify(labels)}`);
  return found[0] === undefined ? undefined : Number(found[0].slice(found[0].lastIndexOf(' ') + 1));
}

t.test('the engine serves its metrics and health', async (t) => {
  const nats = await startNatsServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'engine-metrics-'));
  const engine = await runEngine({
    dataDir,
    genesisPath: DEMO_GENESIS,
    natsUrl: nats.url,
    externalTicks: true,
    metricsPort: 0,
    logger: pino({ level: 'silent' }),
  });
  const client = await connectNats({ servers: nats.url, name: 'engine-metrics-test' });
  t.teardown(async () => {
    await engine.stop().catch(() => undefined);
    await closeNats(client);
    await nats.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const request = async (subject: string, value: unknown) =>
    decodeReply((await client.request(subject, encodePayload(value), { timeout: REQUEST_TIMEOUT_MS })).data);
  const swap = (requestId: string, amount: bigint, askDenom: string) =>
    request('market.swap.terra1alice', { requestId, offer: { denom: 'uusd', amount }, askDenom });

  t.ok(engine.metricsUrl?.startsWith('http://127.0.0.1:'), 'metrics on loopback');
  const executed = [await swap('m1', 1_000_000n, 'uluna'), await swap('m2', 2_000_000n, 'uluna')];
  t.ok(executed.every((reply) => reply.ok));
  const recursive = await swap('m3', 1_000_000n, 'uusd');
  t.equal(recursive.ok ? 'ok' : recursive.error.code, 'MARKET_ERR_RECURSIVE_SWAP');
  const malformed = await client.request('market.swap.terra1alice', encodePayload({ nope: 1 }), {
    timeout: REQUEST_TIMEOUT_MS,
  });
  t.notOk(decodeReply(malformed.data).ok);
  // A vote without a prevote is applied (and rejected) by the oracle; its result says with which code.
  const result = client.subscribe('oracle.terravaloper1alpha.result', { max: 1 });
  const voteResult = (async () => {
    for await (const msg of result) {
      const reply = decodeReply(msg.data);
      return reply.ok ? 'accepted' : reply.error.code;
    }
    return 'none';
  })();
  await client.flush();
  client.publish(
    'oracle.terravaloper1alpha.vote',
    encodePayload({ salt: 'ab12', exchangeRates: '80.000000000000000000uusd' }),
  );
  t.match(await voteResult, /^ORACLE_ERR_/);
  t.ok((await request('engine.control.tick', {})).ok);

  const response = await fetch(`${engine.metricsUrl}/metrics`);
  t.equal(response.status, 200);
  const text = await response.text();
  t.equal(
    sample(text, 'marketnode_engine_swaps_total', {
      offer_denom: 'uusd',
      ask_denom: 'uluna',
      outcome: 'executed',
    }),
    2,
  );
  t.equal(
    sample(text, 'marketnode_engine_swaps_total', {
      ask_denom: 'uusd',
      outcome: 'MARKET_ERR_RECURSIVE_SWAP',
    }),
    1,
  );
  t.equal(sample(text, 'marketnode_engine_swap_latency_seconds_count'), 3);
  t.equal(sample(text, 'marketnode_engine_swap_spread_ratio_count', { venue: 'market' }), 2);
  const malformedCode = decodeReply(malformed.data);
  t.equal(
    sample(text, 'marketnode_engine_requests_refused_total', {
      code: malformedCode.ok ? 'none' : malformedCode.error.code,
    }),
    1,
  );
  const voteOutcome = await voteResult;
  t.equal(
    sample(text, 'marketnode_engine_oracle_messages_total', { action: 'vote', outcome: voteOutcome }),
    1,
  );
  // Three swaps, one vote, one block: five log entries, one block ended at height 1.
  t.equal(sample(text, 'marketnode_engine_log_entries_total'), 5);
  t.ok((sample(text, 'marketnode_engine_log_bytes_total') ?? 0) > 0);
  t.equal(sample(text, 'marketnode_engine_block_height'), 1);
  t.ok((sample(text, 'marketnode_engine_market_pool_delta_usdr') ?? 0) > 0, 'uusd swapped in');
  t.equal(sample(text, 'marketnode_engine_oracle_exchange_rate', { denom: 'uusd' }), 80);
  t.equal(sample(text, 'marketnode_engine_reserve_inventory', { denom: 'ubtc' }), 62_500_000_000);
  t.equal(sample(text, 'marketnode_engine_reserve_daily_cap_btc'), 6_250_000_000);
  t.equal(sample(text, 'marketnode_engine_inbox_capacity_commands'), 20_000);
  t.ok((sample(text, 'marketnode_engine_supply', { denom: 'uluna' }) ?? 0) > 0);

  const lint = await promtoolCheckMetrics(text);
  t.equal(lint.code, 0, `promtool check metrics: ${lint.output}`);

  const health = await fetch(`${engine.metricsUrl}/health`);
  t.equal(health.status, 200);
  const report = (await health.json()) as { status: string; checks: Record<string, { ok: boolean }> };
  t.equal(report.status, 'ok');
  t.same(Object.keys(report.checks).sort(), ['batches', 'log', 'nats']);

  // NATS goes away: /health turns 503 and names the nats check (polled: the disconnect is async).
  await nats.stop();
  const deadline = Date.now() + HEALTH_CHANGE_TIMEOUT_MS;
  let failing: { status: number; body: { checks: Record<string, { ok: boolean }> } } | undefined;
  while (failing === undefined && Date.now() < deadline) {
    const response = await fetch(`${engine.metricsUrl}/health`);
    const body = (await response.json()) as { checks: Record<string, { ok: boolean }> };
    if (response.status === 503) failing = { status: response.status, body };
    else await new Promise((resolve) => setTimeout(resolve, 50));
  }
  t.equal(failing?.status, 503, '/health fails once NATS is gone');
  t.equal(failing?.body.checks['nats']?.ok, false);
  t.equal(failing?.body.checks['log']?.ok, true);
});

t.test('the batches check fails when no batch was committed for five block times', async (t) => {
  const nats = { status: { ok: true, detail: 'connected' } } as unknown as NatsConnectionWatch;
  const sources = {
    nats,
    writerFailure: () => undefined,
    lastBatchAtMs: () => 1_000_000,
    blockTimeMs: 1_000,
    externalTicks: false,
  };
  t.equal(engineHealthChecks(sources, 1_000_000 + 5_000)['batches']?.ok, true);
  t.equal(engineHealthChecks(sources, 1_000_000 + 5_001)['batches']?.ok, false);
  t.equal(engineHealthChecks({ ...sources, externalTicks: true }, 9_000_000)['batches']?.ok, true);
  const failed = engineHealthChecks({ ...sources, writerFailure: () => new Error('disk full') }, 1_000_000);
  t.equal(failed['log']?.ok, false);
  t.match(failed['log']?.detail ?? '', /disk full/);
});

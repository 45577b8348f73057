// End to end: the local node (`npm start`) and a real Prometheus scraping every service it runs
// each second, with the deploy config's jobs; swaps (market, reserve, rejected, malformed), the
// node's own oracle votes and a spoiled reveal drive it; then every PromQL expression of every dashboard panel must
// return data from Prometheus's HTTP API, and every live /metrics must pass `promtool check metrics`.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { MarketClient } from '@marketnode/market-client';
import { encodePayload } from '@marketnode/nats-kit';
import {
  localScrapeConfig,
  panelQueries,
  promtool,
  readDashboards,
  servicesByJob,
  startLedgerBeside,
  startLocalNode,
  startPrometheus,
  type PanelQuery,
  type PrometheusServer,
} from '../src/index.js';

const BLOCK_TIME_MS = 500;
/** Generous on a shared 2-core machine; the panels usually all have data within ten seconds. */
const PANELS_DEADLINE_MS = 90_000;
const POLL_INTERVAL_MS = 1_000;
const ALICE = 'terra1alice';
const ALPHA = 'terravaloper1alpha';
/** Two vote periods of the demo genesis: at least one foreign prevote lands after the feeder's own. */
const SPOILED_BLOCKS = 10;

async function driveSwaps(client: MarketClient): Promise<void> {
  const swaps = [
    { offer: { denom: 'uusd', amount: 1_000_000n }, askDenom: 'uluna' },
    { offer: { denom: 'uluna', amount: 1_000_000n }, askDenom: 'usdr' },
    { offer: { denom: 'uusd', amount: 1_000_000n }, askDenom: 'uusd' }, // rejected: recursive
    { offer: { denom: 'uusd', amount: 100_000_000n }, askDenom: 'ubtc' }, // reserve entry
    { offer: { denom: 'ubtc', amount: 10_000n }, askDenom: 'uusd' }, // reserve exit: redeems BTC
  ];
  for (const swap of swaps) await client.swap({ trader: ALICE, ...swap });
  // Malformed: refused at the edge with a code, never reaching the log.
  await client.connection.request(`market.swap.${ALICE}`, encodePayload({ nope: true }), { timeout: 10_000 });
}

/**
 * A fault the oracle panels must show: a foreign prevote for a validator replaces its feeder's
 * commitment, so the feeder's next reveal does not match and the engine rejects it. Without
 * permissions (the local node has none) anyone can do this; under deploy/nats only its feeder can.
 */
async function spoilReveals(client: MarketClient): Promise<void> {
  const headers = client.subscribeBlockHeaders();
  const nextHeader = headers[Symbol.asyncIterator]();
  for (let blocks = 0; blocks < SPOILED_BLOCKS; blocks += 1) {
    await nextHeader.next();
    await client.prevote({ validator: ALPHA, hash: randomBytes(20).toString('hex') });
  }
  headers.unsubscribe();
}

/** The panel queries that still return nothing. */
async function emptyQueries(
  prometheus: PrometheusServer,
  queries: readonly PanelQuery[],
): Promise<PanelQuery[]> {
  const empty: PanelQuery[] = [];
  for (const query of queries) if ((await prometheus.query(query.expr)).length === 0) empty.push(query);
  return empty;
}

t.test('every dashboard query returns data from Prometheus scraping the local node', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dashboards-e2e-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const node = await startLocalNode({ dataDir, blockTimeMs: BLOCK_TIME_MS });
  t.teardown(() => node.process.stop());
  t.ok(node.metricsUrls.length >= 1, `the banner prints metrics urls: ${node.metricsUrls.join(', ')}`);
  // npm start runs no ledger; compose runs one beside the engine's log, and so does this test.
  const ledgerDir = mkdtempSync(join(tmpdir(), 'dashboards-e2e-ledger-'));
  t.teardown(() => rmSync(ledgerDir, { recursive: true, force: true }));
  const ledger = await startLedgerBeside({
    engineDataDir: dataDir,
    ledgerDataDir: ledgerDir,
    natsUrl: node.natsUrl,
  });
  t.teardown(() => ledger.process.stop());
  const metricsUrls = [...node.metricsUrls, ledger.metricsUrl];
  const jobs = await servicesByJob(metricsUrls);
  t.same([...jobs.keys()].sort(), ['ledger', 'market-engine', 'oracle-feeder'], 'every service is scraped');

  const prometheus = await startPrometheus(localScrapeConfig(jobs));
  t.teardown(() => prometheus.stop());
  const client = await MarketClient.connect({ servers: node.natsUrl, name: 'dashboards-e2e' });
  t.teardown(() => client.close());
  await driveSwaps(client);
  await spoilReveals(client);

  const queries = panelQueries(readDashboards());
  const deadline = Date.now() + PANELS_DEADLINE_MS;
  let empty = await emptyQueries(prometheus, queries);
  while (empty.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    empty = await emptyQueries(prometheus, empty);
  }
  t.same(
    empty.map((q) => `${q.dashboard} / ${q.panel} / ${q.refId}: ${q.expr}`),
    [],
    `every one of ${queries.length} panel queries returns data`,
  );
  for (const target of await prometheus.targets())
    t.equal(target.health, 'up', `${target.job}: ${target.lastError}`);

  for (const url of metricsUrls) {
    const text = await (await fetch(`${url}/metrics`)).text();
    const lint = await promtool(['check', 'metrics'], text);
    t.equal(lint.code, 0, `promtool check metrics on ${url}: ${lint.output}`);
  }
});

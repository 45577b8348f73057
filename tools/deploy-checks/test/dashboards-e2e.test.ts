// End to end: the local node (`npm start`) and a real Prometheus scraping every service it runs
// each second, with the deploy config's jobs. Rounds of swaps (market, reserve, rejected, malformed)
// beside the feeders' own oracle votes and a spoiled reveal drive it until every PromQL expression of
// every dashboard panel returns a finite value from Prometheus's HTTP API, as Grafana would draw it;
// then every live /metrics must pass `promtool check metrics`.
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
  type PromSample,
  type PrometheusServer,
} from '../src/index.js';

const BLOCK_TIME_MS = 500;
/**
 * Bounds the rounds of traffic and scrapes. A healthy run needs two or three rounds, under ten
 * seconds; this leaves room on a shared 2-core machine and still fails within a minute.
 */
const PANELS_DEADLINE_MS = 30_000;
/**
 * Scrapes of every target after a round of traffic before the panels are judged: a rate() over a
 * histogram is NaN unless its window holds a sample from before the traffic and one from after.
 */
const SCRAPES_AFTER_TRAFFIC = 2;
/** The last round still gets its scrapes and its verdict when the deadline is nearer than this. */
const SCRAPES_WAIT_MIN_MS = 5_000;
const ALICE = 'terra1alice';
const ALPHA = 'terravaloper1alpha';
/** Two vote periods of the demo genesis: at least one foreign prevote lands after the feeder's own. */
const SPOILED_BLOCKS = 10;

interface PlannedSwap {
  readonly offer: { readonly denom: string; readonly amount: bigint };
  readonly askDenom: string;
  readonly executes: boolean;
}

/** One round: both venues in both directions (the spread panels) and a rejection. */
const SWAPS_PER_ROUND: readonly PlannedSwap[] = [
  { offer: { denom: 'uusd', amount: 1_000_000n }, askDenom: 'uluna', executes: true },
  { offer: { denom: 'uluna', amount: 1_000_000n }, askDenom: 'usdr', executes: true },
  { offer: { denom: 'uusd', amount: 1_000_000n }, askDenom: 'uusd', executes: false }, // recursive
  { offer: { denom: 'uusd', amount: 100_000_000n }, askDenom: 'ubtc', executes: true }, // reserve entry
  { offer: { denom: 'ubtc', amount: 10_000n }, askDenom: 'uusd', executes: true }, // reserve exit: redeems BTC
];

/** Sends one round of swaps; returns the swaps whose outcome was not the planned one. */
async function driveSwaps(client: MarketClient): Promise<string[]> {
  const surprises: string[] = [];
  for (const { executes, ...swap } of SWAPS_PER_ROUND) {
    const result = await client.swap({ trader: ALICE, ...swap });
    if (result.ok !== executes)
      surprises.push(
        `${swap.offer.denom} -> ${swap.askDenom}: ${result.ok ? 'executed' : result.error.code}`,
      );
  }
  // Malformed: refused at the edge with a code, never reaching the log.
  await client.connection.request(`market.swap.${ALICE}`, encodePayload({ nope: true }), { timeout: 10_000 });
  return surprises;
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

/**
 * Why a panel query would draw nothing, or undefined when it draws: Grafana leaves a panel empty
 * for no series and for series whose values are all NaN (`histogram_quantile` of zero rates) or
 * infinite (a ratio over zero).
 */
function whyEmpty(samples: readonly PromSample[]): string | undefined {
  if (samples.length === 0) return 'no series';
  if (samples.some((sample) => Number.isFinite(Number(sample.value[1])))) return undefined;
  return `no finite value (${samples.map((sample) => sample.value[1]).join(', ')})`;
}

/** The panel queries that still draw nothing, each with why. */
async function emptyQueries(
  prometheus: PrometheusServer,
  queries: readonly PanelQuery[],
): Promise<{ query: PanelQuery; why: string }[]> {
  const empty: { query: PanelQuery; why: string }[] = [];
  for (const query of queries) {
    const why = whyEmpty(await prometheus.query(query.expr));
    if (why !== undefined) empty.push({ query, why });
  }
  return empty;
}

t.test('every dashboard query returns a finite value from Prometheus scraping the local node', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dashboards-e2e-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const node = await startLocalNode({ dataDir, blockTimeMs: BLOCK_TIME_MS });
  t.teardown(() => node.process.stop());
  t.ok(node.metricsUrls.length >= 1, `the banner prints metrics urls: ${node.metricsUrls.join(', ')}`);
  // npm start runs a ledger inside its own process; compose runs `marketnode ledger` as a process of
  // its own beside the engine's log, so this test runs one too: both are scraped, linted and charted.
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

  const queries = panelQueries(readDashboards());
  const deadline = Date.now() + PANELS_DEADLINE_MS;
  // A sample of every series before any traffic, so the first round's rate() has a start.
  await prometheus.waitForScrapes({ afterMs: Date.now(), scrapes: 1, timeoutMs: deadline - Date.now() });
  const trafficStartMs = Date.now();
  const surprises: string[] = [];
  let empty = queries.map((query) => ({ query, why: 'not queried yet' }));
  // Rounds until every panel draws: a series that first appears with a round's traffic (a histogram
  // labelled by venue, say) has no earlier sample, so its rate() needs the next round.
  for (let round = 1; empty.length > 0 && Date.now() < deadline; round += 1) {
    const [swapSurprises] = await Promise.all([
      driveSwaps(client),
      round === 1 ? spoilReveals(client) : undefined,
    ]);
    surprises.push(...swapSurprises);
    const afterMs = Date.now();
    await prometheus.waitForScrapes({
      afterMs,
      scrapes: SCRAPES_AFTER_TRAFFIC,
      timeoutMs: Math.max(deadline - afterMs, SCRAPES_WAIT_MIN_MS),
    });
    empty = await emptyQueries(prometheus, queries);
    const stillEmpty = empty.map(({ query }) => `${query.dashboard} / ${query.panel}`).join(', ');
    t.comment(`round ${round}, ${Date.now() - trafficStartMs} ms: ${empty.length} empty ${stillEmpty}`);
  }
  t.same(surprises, [], 'every swap of every round had its planned outcome');
  t.same(
    empty.map(
      ({ query, why }) => `${query.dashboard} / ${query.panel} / ${query.refId}: ${why}: ${query.expr}`,
    ),
    [],
    `every one of ${queries.length} panel queries returns a finite value`,
  );
  for (const target of await prometheus.targets())
    t.equal(target.health, 'up', `${target.job}: ${target.lastError}`);

  for (const url of metricsUrls) {
    const text = await (await fetch(`${url}/metrics`)).text();
    const lint = await promtool(['check', 'metrics'], text);
    t.equal(lint.code, 0, `promtool check metrics on ${url}: ${lint.output}`);
  }
});

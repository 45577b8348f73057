// A ledger on another host follows the engine over NATS: it catches up with log.range (served by a
// local ledger that reads the engine's LMDB file), then applies the committed stream; a message it
// missed is detected as a gap and repaired with log.range. It ends with the same projections as the
// local ledger. The ledgers answer queries over NATS (typed errors for bad input) and expose metrics.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashGenesis, openLogReader } from '@marketnode/log-store';
import { MarketClient, type CommittedMessage } from '@marketnode/market-client';
import { connectNats, closeNats, SharedInboxRequester } from '@marketnode/nats-kit';
import { pino } from 'pino';
import {
  firstStoreDifference,
  followNatsStream,
  ProjectionStore,
  Projector,
  runLedger,
} from '../src/index.js';
import { promtoolCheckMetrics } from '../../market-engine/test/support/promtool.js';
import { DEMO, runScenario, startEngineFixture } from './support/engine-scenario.js';

const WAIT_MS_MAX = 30_000;
const DROPPED_ITEM = 5;

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS_MAX;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

t.test('NATS tail: catch-up, a missed message repaired, same projections', async (t) => {
  const fixture = await startEngineFixture();
  const work = mkdtempSync(join(tmpdir(), 'ledger-nats-'));
  t.teardown(async () => {
    await fixture.close();
    rmSync(work, { recursive: true, force: true });
  });
  const genesisHash = hashGenesis(DEMO.bytes);
  await runScenario(fixture, { blocks: 3, tag: 'before' });

  const local = await runLedger({
    ledgerDir: join(work, 'local'),
    logPath: fixture.dataDir,
    natsUrl: fixture.nats.url,
    genesis: DEMO.genesis,
    genesisHash,
    logger: pino({ level: 'silent' }),
    pollIntervalMs: 2,
  });
  t.teardown(() => local.stop());

  const remoteStore = ProjectionStore.open({
    path: join(work, 'remote'),
    genesis: DEMO.genesis,
    genesisHash,
  });
  t.teardown(() => remoteStore.close());
  const projector = new Projector(remoteStore);
  const client = await MarketClient.connect({ servers: fixture.nats.url, name: 'remote-ledger' });
  const nc = await connectNats({ servers: fixture.nats.url, name: 'remote-ledger-range' });
  const requester = new SharedInboxRequester(nc, { timeoutMs: 10_000 });
  t.teardown(async () => {
    requester.close();
    await closeNats(nc);
    await client.close();
  });
  const committed = client.subscribeCommitted();
  let dropped: bigint | undefined;
  async function* missingOne(): AsyncGenerator<CommittedMessage> {
    let items = 0;
    for await (const message of committed) {
      items += 1;
      if (items === DROPPED_ITEM) {
        dropped = message.seq;
        continue;
      }
      yield message;
    }
  }
  const gaps: { fromSeq: bigint; toSeq: bigint }[] = [];
  const following = followNatsStream({
    stream: missingOne(),
    requester,
    projector,
    onGapRepaired: (gap) => gaps.push(gap),
  });
  const caughtUpTo = openLogReader({ path: fixture.dataDir });
  t.teardown(() => caughtUpTo.close());
  const beforeSeq = caughtUpTo.lastEntry()?.seq ?? 0n;
  await until(() => projector.lastSeq >= beforeSeq, 'the remote ledger caught up through log.range');

  await runScenario(fixture, { blocks: 6, tag: 'after' });
  const lastSeq = caughtUpTo.lastEntry()?.seq ?? 0n;
  await until(() => projector.committedSeq === lastSeq, `the remote ledger reached seq ${lastSeq}`);
  await until(() => local.store.lastCommittedSeq === lastSeq, `the local ledger reached seq ${lastSeq}`);
  committed.unsubscribe();
  await following;

  t.ok(dropped !== undefined && dropped > beforeSeq, `a live message was missed (seq ${dropped})`);
  t.ok(
    gaps.some((gap) => dropped !== undefined && gap.fromSeq <= dropped && dropped <= gap.toSeq),
    `the gap was detected and repaired: ${JSON.stringify(gaps, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`,
  );
  t.same(
    firstStoreDifference(remoteStore, local.store),
    undefined,
    'remote and local projections are identical',
  );
});

t.test('a remote ledger with nothing serving log.range stops with a clear error', async (t) => {
  const fixture = await startEngineFixture();
  const work = mkdtempSync(join(tmpdir(), 'ledger-no-range-'));
  t.teardown(async () => {
    await fixture.close();
    rmSync(work, { recursive: true, force: true });
  });
  const remote = await runLedger({
    ledgerDir: work,
    natsUrl: fixture.nats.url,
    genesis: DEMO.genesis,
    genesisHash: hashGenesis(DEMO.bytes),
    logger: pino({ level: 'silent' }),
  });
  await t.rejects(remote.stopped, { code: 'LEDGER_ERR_CATCH_UP_FAILED' });
  t.match(remote.metrics.health(), { following: { ok: false, detail: /log\.range/ } }, '/health says why');
  await remote.stop();
});

t.test('queries over NATS and metrics', async (t) => {
  const fixture = await startEngineFixture();
  const work = mkdtempSync(join(tmpdir(), 'ledger-queries-'));
  t.teardown(async () => {
    await fixture.close();
    rmSync(work, { recursive: true, force: true });
  });
  await runScenario(fixture, { blocks: 4, tag: 'q' });
  const ledger = await runLedger({
    ledgerDir: work,
    logPath: fixture.dataDir,
    natsUrl: fixture.nats.url,
    genesis: DEMO.genesis,
    genesisHash: hashGenesis(DEMO.bytes),
    logger: pino({ level: 'silent' }),
    pollIntervalMs: 2,
    metricsPort: 0,
  });
  t.teardown(() => ledger.stop());
  const reader = openLogReader({ path: fixture.dataDir });
  t.teardown(() => reader.close());
  const lastSeq = reader.lastEntry()?.seq ?? 0n;
  await until(() => ledger.store.lastCommittedSeq === lastSeq, 'the ledger caught up');

  const engineBalance = await fixture.request('market.query.balance', { account: 'terra1alice' });
  const ledgerBalance = await fixture.request('ledger.query.balances', { account: 'terra1alice' });
  t.ok(engineBalance.ok && ledgerBalance.ok, 'both answer');
  if (engineBalance.ok && ledgerBalance.ok)
    t.same(
      (ledgerBalance.value as { balances: unknown }).balances,
      (engineBalance.value as { balances: unknown }).balances,
      "the ledger's balances are the engine's",
    );

  const supplies = await fixture.request('ledger.query.supplies', {});
  t.ok(supplies.ok, 'supplies answer');
  const uusd = supplies.ok
    ? (supplies.value as { supplies: Record<string, Record<string, bigint>> }).supplies['uusd']
    : undefined;
  t.ok(
    uusd !== undefined &&
      uusd['supply'] === (uusd['genesis'] ?? 0n) + (uusd['minted'] ?? 0n) - (uusd['burned'] ?? 0n),
    'supply = genesis + minted - burned',
  );

  const history = await fixture.request('ledger.query.history', { account: 'terra1carol', limit: 2 });
  t.match(history, { ok: true, value: { account: 'terra1carol' } }, 'history answers');
  const seqs = history.ok ? (history.value as { seqs: bigint[]; nextFromSeq?: bigint }) : undefined;
  t.equal(seqs?.seqs.length, 2, 'one page of 2');
  t.ok(
    seqs?.nextFromSeq !== undefined && seqs.nextFromSeq > (seqs.seqs[1] ?? 0n),
    'and where the next page starts',
  );

  const block = await fixture.request('ledger.query.block', { height: 2 });
  t.match(block, { ok: true, value: { height: 2n, closed: true } }, 'a closed block aggregate');

  t.match(await fixture.request('ledger.query.balances', { account: 'bad.name' }), {
    ok: false,
    error: { code: 'LEDGER_ERR_INVALID_REQUEST' },
  });
  t.match(await fixture.request('ledger.query.block', { height: 10_000 }), {
    ok: false,
    error: { code: 'LEDGER_ERR_NOT_FOUND' },
  });
  t.match(await fixture.requestRaw('ledger.query.supplies', new Uint8Array([0xc1])), {
    ok: false,
    error: { code: 'WIRE_ERR_MALFORMED_PAYLOAD' },
  });

  t.match(await fixture.request('ledger.query.history', { account: 'terra1alice', fromSeq: 1n << 64n }), {
    ok: false,
    error: { code: 'LEDGER_ERR_INVALID_REQUEST', message: /fromSeq/ },
  });
  t.match(await fixture.request('log.range', { fromSeq: 0 }), {
    ok: false,
    error: { code: 'LEDGER_ERR_INVALID_REQUEST', message: /fromSeq/ },
  });
  t.match(await fixture.request('log.range', { fromSeq: 1, limit: 100_000 }), {
    ok: false,
    error: { code: 'LEDGER_ERR_INVALID_REQUEST', message: /limit/ },
  });
  const range = await fixture.request('log.range', { fromSeq: (1n << 64n) - 1n });
  t.match(
    range,
    { ok: true, value: { entries: [], lastSeq } },
    'a range past the end is empty, with the tip',
  );

  const verdict = await ledger.audit();
  t.ok(verdict.ok, 'the in-service audit passes');
  const text = await (await fetch(`${ledger.metricsUrl}/metrics`)).text();
  t.match(text, new RegExp(`marketnode_ledger_entries_applied_total\\{service="ledger"\\} ${lastSeq}`));
  t.match(text, /marketnode_ledger_lag_entries\{service="ledger"\} 0/);
  t.match(text, new RegExp(`marketnode_ledger_last_audited_seq\\{service="ledger"\\} ${lastSeq}`));
  const lint = await promtoolCheckMetrics(text);
  t.equal(lint.code, 0, `promtool check metrics: ${lint.output}`);
  const health = await fetch(`${ledger.metricsUrl}/health`);
  t.equal(health.status, 200, '/health is ok');
});

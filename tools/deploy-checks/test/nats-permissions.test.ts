// deploy/nats/nats-server.conf under a real nats-server, with the engine as a real `marketnode
// engine` process connected as its own user: each role can do its job, and the server refuses what
// it must not do (another trader's swap, another validator's vote, the engine's events), each
// refusal reaching the client as nats.js' PermissionViolationError.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { MarketClient } from '@marketnode/market-client';
import {
  closeNats,
  connectNats,
  decodeReply,
  encodePayload,
  startNatsServer,
  userInboxPrefix,
  type NatsServerHandle,
} from '@marketnode/nats-kit';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  deployNatsUsers,
  freeLoopbackPort,
  MARKETNODE_BIN,
  PermissionErrors,
  startServiceProcess,
} from '../src/index.js';

const REFUSAL_TIMEOUT_MS = 10_000;
const ALICE = 'terra1alice';
const BOB = 'terra1bob';
const ALPHA = 'terravaloper1alpha';
const BETA = 'terravaloper1beta';
const SWAP = { requestId: 'perm-1', offer: { denom: 'uusd', amount: 1_000_000n }, askDenom: 'uluna' };

const users = deployNatsUsers();

async function connectAs(nats: NatsServerHandle, user: string): Promise<NatsConnection> {
  return connectNats({
    servers: nats.url,
    name: `perm-test-${user}`,
    auth: users.auth(user),
    reconnect: false,
  });
}

async function clientAs(nats: NatsServerHandle, user: string): Promise<MarketClient> {
  return MarketClient.connect({
    servers: nats.url,
    name: `perm-test-${user}`,
    auth: users.auth(user),
    inboxPrefix: userInboxPrefix(user),
    reconnect: false,
  });
}

/** Publishes where `user` must not, and returns what the server said to that user. */
async function publishDenied(nc: NatsConnection, errors: PermissionErrors, subject: string) {
  nc.publish(subject, encodePayload(SWAP));
  await nc.flush();
  return errors.refusal(subject, REFUSAL_TIMEOUT_MS);
}

t.test('the deploy NATS config enforces the roles', async (t) => {
  const nats = await startNatsServer({ config: users.configText });
  t.teardown(() => nats.stop());
  const dataDir = mkdtempSync(join(tmpdir(), 'deploy-perm-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const metricsPort = await freeLoopbackPort();
  const engine = await startServiceProcess({
    script: MARKETNODE_BIN,
    args: [
      'engine',
      ...['--nats', nats.url, '--data', dataDir, '--block-time-ms', '200'],
      ...['--metrics-port', String(metricsPort)],
    ],
    env: { MARKETNODE_NATS_USER: 'engine', MARKETNODE_NATS_PASSWORD: users.auth('engine').pass },
    ready: /engine running/,
  });
  t.teardown(() => engine.stop());
  const ledgerDir = mkdtempSync(join(tmpdir(), 'deploy-perm-ledger-'));
  t.teardown(() => rmSync(ledgerDir, { recursive: true, force: true }));
  const ledger = await startServiceProcess({
    script: MARKETNODE_BIN,
    args: ['ledger', '--data', dataDir, '--ledger-data', ledgerDir, '--nats', nats.url],
    env: { MARKETNODE_NATS_USER: 'ledger', MARKETNODE_NATS_PASSWORD: users.auth('ledger').pass },
    ready: /ledger following/,
  });
  t.teardown(() => ledger.stop());

  await t.test('the engine, connected as engine, reports itself healthy', async (t) => {
    const health = await fetch(`http://127.0.0.1:${metricsPort}/health`);
    t.equal(health.status, 200, await health.clone().text());
    t.match(await health.json(), { status: 'ok', checks: { nats: { ok: true } } });
  });

  await t.test('a connection without a user is refused', async (t) => {
    await t.rejects(connectNats({ servers: nats.url, name: 'anonymous', reconnect: false }), {
      name: /Authorization|Error/,
    });
  });

  await t.test('a trader swaps from its own balance but cannot send a swap for another', async (t) => {
    const alice = await clientAs(nats, ALICE);
    t.teardown(() => alice.close());
    const errors = new PermissionErrors(alice.connection);
    // Answered at all is the point here (executed, or MARKET_ERR_NO_PRICE while the oracle has no
    // votes yet): the request reached the engine and the reply came back on Alice's own inbox.
    const own = await alice.swap({ trader: ALICE, ...SWAP });
    t.equal(own.requestId, SWAP.requestId, 'the engine answers its own swap');
    t.ok(own.ok || own.error.code.startsWith('MARKET_ERR_'), own.ok ? 'executed' : own.error.code);
    const bobBefore = await alice.balance(BOB);
    t.ok(bobBefore.ok, 'a trader may query');
    const refusal = await publishDenied(alice.connection, errors, `market.swap.${BOB}`);
    t.same(refusal, { operation: 'publish', subject: `market.swap.${BOB}` });
    const sendRefusal = await publishDenied(alice.connection, errors, `market.swap-send.${BOB}`);
    t.equal(sendRefusal.operation, 'publish');
    // A later query is answered after anything the engine received before it: Bob's balance held.
    const bobAfter = await alice.balance(BOB);
    t.same(bobAfter.ok && bobAfter.value.balances, bobBefore.ok && bobBefore.value.balances);
  });

  await t.test("a trader cannot read another trader's replies", async (t) => {
    const alice = await connectAs(nats, ALICE);
    t.teardown(() => closeNats(alice));
    const errors = new PermissionErrors(alice);
    alice.subscribe(`_INBOX_${BOB}.>`);
    alice.subscribe('_INBOX.>');
    await alice.flush();
    t.same(await errors.refusal(`_INBOX_${BOB}.>`, REFUSAL_TIMEOUT_MS), {
      operation: 'subscription',
      subject: `_INBOX_${BOB}.>`,
    });
    t.equal((await errors.refusal('_INBOX.>', REFUSAL_TIMEOUT_MS)).operation, 'subscription');
  });

  await t.test('a feeder votes for its own validator only', async (t) => {
    const feeder = await clientAs(nats, `feeder-${ALPHA}`);
    t.teardown(() => feeder.close());
    const errors = new PermissionErrors(feeder.connection);
    const result = feeder.waitOracleResult(ALPHA, { timeoutMs: REFUSAL_TIMEOUT_MS });
    await feeder.prevote({ validator: ALPHA, hash: '0123456789abcdef0123456789abcdef01234567' });
    t.ok((await result).ok, 'its own prevote reaches the engine and is accepted');
    const refusal = await publishDenied(feeder.connection, errors, `oracle.${BETA}.vote`);
    t.same(refusal, { operation: 'publish', subject: `oracle.${BETA}.vote` });
    t.equal((await publishDenied(feeder.connection, errors, `oracle.${BETA}.prevote`)).operation, 'publish');
    // Naming another feeder is the operator's right, not the feeder's.
    t.equal(
      (await publishDenied(feeder.connection, errors, `oracle.${ALPHA}.delegate`)).operation,
      'publish',
    );
  });

  await t.test("the ledger answers the observer's queries on the observer's own inbox", async (t) => {
    const observer = await connectAs(nats, 'observer');
    t.teardown(() => closeNats(observer));
    const reply = await observer.request('ledger.query.supplies', encodePayload({}), {
      timeout: REFUSAL_TIMEOUT_MS,
      noMux: true,
      reply: `${userInboxPrefix('observer')}.supplies`,
    });
    t.ok(decodeReply(reply.data).ok, 'the ledger, as user ledger, answers through allow_responses');
  });

  await t.test('only the engine publishes events, blocks and oracle results', async (t) => {
    const observer = await clientAs(nats, 'observer');
    t.teardown(() => observer.close());
    const headers = observer.subscribeBlockHeaders();
    for await (const header of headers) {
      t.ok(header.height >= 1n, "the observer receives the engine's block headers");
      break;
    }
    for (const user of [ALICE, `feeder-${ALPHA}`, `operator-${ALPHA}`, 'ledger', 'observer']) {
      const nc = await connectAs(nats, user);
      const errors = new PermissionErrors(nc);
      for (const subject of ['events.committed.1', 'blocks.header', `oracle.${ALPHA}.result`]) {
        const refusal = await publishDenied(nc, errors, subject);
        t.equal(refusal.operation, 'publish', `${user} may not publish ${subject}`);
      }
      await closeNats(nc);
    }
  });
});

// Transport and usage failures are thrown as named errors with a stable code, within their bound:
// nobody answering, an engine too slow, arguments the engine would refuse, a closed client, and
// no server at all.
import t from 'tap';
import { createServer } from 'node:net';
import { NoRespondersError, RequestTimeoutError } from '@marketnode/nats-kit';
import { ClientClosedError, ConnectFailedError, InvalidArgumentError, MarketClient } from '../src/index.js';
import { FakeEngine } from './support/fake-engine.js';

const engine = await FakeEngine.start();
t.teardown(() => engine.stop());
const OFFER = { denom: 'uusd', amount: 1_000_000n };

t.test('a request nobody answers, or answers too late, fails with its code', async (t) => {
  const client = await MarketClient.connect({ servers: engine.url, name: 'test-slow', timeoutMs: 200 });
  t.teardown(() => client.close());
  // Given an engine that holds every request
  engine.answer = () => undefined;
  const swap = client.swap({ trader: 'terra1alice', requestId: 'slow-1', offer: OFFER, askDenom: 'uluna' });
  await t.rejects(swap, RequestTimeoutError);
  await t.rejects(swap, { code: 'NATS_ERR_REQUEST_TIMEOUT' });
  // And a subject with no subscriber at all (the server says so at once)
  const stranger = await MarketClient.connect({
    servers: engine.url,
    name: 'test-stranger',
    timeoutMs: 2_000,
  });
  t.teardown(() => stranger.close());
  await engine.nc.drain();
  await t.rejects(stranger.pool(), NoRespondersError);
});

t.test('arguments the engine would refuse are refused before sending', async (t) => {
  const fresh = await FakeEngine.start();
  t.teardown(() => fresh.stop());
  const client = await MarketClient.connect({ servers: fresh.url, name: 'test-args', timeoutMs: 1_000 });
  t.teardown(() => client.close());
  const bad: Promise<unknown>[] = [
    client.swap({ trader: 'terra1.alice', offer: OFFER, askDenom: 'uluna' }),
    client.swap({ trader: 'terra1alice', receiver: 'terra1 bob', offer: OFFER, askDenom: 'uluna' }),
    client.swap({ trader: 'terra1alice', requestId: 'has space', offer: OFFER, askDenom: 'uluna' }),
    client.swap({ trader: 'terra1alice', requestId: 'x'.repeat(129), offer: OFFER, askDenom: 'uluna' }),
    client.vote({ validator: 'oracle.*', salt: 'a', exchangeRates: '1uusd' }),
  ];
  for (const attempt of bad) await t.rejects(attempt, InvalidArgumentError);
  t.throws(() => client.waitOracleResult('>'), { code: 'CLIENT_ERR_INVALID_ARGUMENT' });
  t.equal(fresh.received.length, 0, 'nothing reached the engine');
});

t.test('a closed client refuses everything; closing twice is fine', async (t) => {
  const client = await MarketClient.connect({ servers: engine.url, name: 'test-closed' });
  await client.close();
  await client.close();
  await t.rejects(client.rates(), ClientClosedError);
  await t.rejects(client.prevote({ validator: 'terravaloper1alpha', hash: 'ab' }), {
    code: 'CLIENT_ERR_CLOSED',
  });
  t.throws(() => client.subscribeBlockHeaders(), ClientClosedError);
});

t.test('connecting where no server listens fails within the connect bound', async (t) => {
  // A port that was free a moment ago: nothing listens there now.
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
  const connecting = MarketClient.connect({
    servers: `nats://127.0.0.1:${port}`,
    name: 'test-nowhere',
    connectTimeoutMs: 1_000,
    reconnect: false,
  });
  await t.rejects(connecting, ConnectFailedError);
  await t.rejects(connecting, { code: 'CLIENT_ERR_CONNECT_FAILED', message: /127\.0\.0\.1/ });
});

// Swaps and queries against a fake engine on a real nats-server: the request goes on the protocol's
// subject with the protocol's payload, and the reply comes back typed (bigint amounts, Dec as
// canonical text), or as the engine's error with its code, message and hint.
import t from 'tap';
import * as dec from '@marketnode/dec';
import { REJECTIONS } from '@marketnode/errors';
import { eventToWire, type SwapExecuted } from '@marketnode/events';
import { okReply, errorReply } from '@marketnode/nats-kit';
import { MarketClient, UnexpectedReplyError } from '../src/index.js';
import { FakeEngine } from './support/fake-engine.js';

const engine = await FakeEngine.start();
t.teardown(() => engine.stop());
const client = await MarketClient.connect({ servers: engine.url, name: 'test-client', timeoutMs: 3_000 });
t.teardown(() => client.close());

/** A SwapExecuted as the decider makes it; the engine replies with its wire form (`eventToWire`). */
function executed(requestId: string, receiver = 'terra1alice'): SwapExecuted {
  return {
    type: 'SwapExecuted',
    requestId,
    trader: 'terra1alice',
    receiver,
    venue: 'market',
    pool: 'market',
    offer: { denom: 'uusd', amount: 1_000_000n },
    askDenom: 'uluna',
    offerRate: dec.parse('80'),
    askRate: dec.ONE,
    offerValue: dec.parse('750000'),
    askAtOracleRate: dec.parse('12500'),
    spread: dec.parse('0.005'),
    fee: dec.parse('62.5'),
    swapCoin: { denom: 'uluna', amount: 12_437n },
    feeCoin: { denom: 'uluna', amount: 62n },
    destroyedDust: dec.parse('0.5'),
    poolDeltaDenom: 'usdr',
    poolDeltaBefore: dec.ZERO,
    poolDeltaAfter: dec.parse('750000'),
  };
}

function requestIdOf(payload: unknown): string {
  return (payload as { requestId: string }).requestId;
}

t.test('a swap without a request id gets a fresh one and comes back typed', async (t) => {
  // Given an engine that executes every swap
  engine.answer = ({ payload }) => okReply(eventToWire(executed(requestIdOf(payload))));
  // When alice swaps without naming a request id
  const result = await client.swap({
    trader: 'terra1alice',
    offer: { denom: 'uusd', amount: 1_000_000n },
    askDenom: 'uluna',
  });
  // Then the request went on her swap subject with a generated id and the protocol's fields only
  const received = engine.received.at(-1);
  t.equal(received?.subject, 'market.swap.terra1alice');
  t.match(result.requestId, /^[0-9a-f-]{36}$/);
  t.same(received?.payload, {
    requestId: result.requestId,
    offer: { denom: 'uusd', amount: 1_000_000n },
    askDenom: 'uluna',
  });
  // And the execution is typed: amounts as bigint, Dec values as canonical text
  t.ok(result.ok);
  if (!result.ok) return;
  t.same(result.executed.swapCoin, { denom: 'uluna', amount: 12_437n });
  t.equal(result.executed.spread, '0.005000000000000000');
  t.equal(result.executed.offerRate, dec.format(dec.parse('80')));
  t.equal(result.executed.venue, 'market');
});

t.test('a swap with a receiver is a swap-send carrying the receiver', async (t) => {
  engine.answer = ({ payload }) => okReply(eventToWire(executed(requestIdOf(payload), 'terra1bob')));
  const result = await client.swap({
    trader: 'terra1alice',
    requestId: 'send-1',
    offer: { denom: 'uusd', amount: 1_000_000n },
    askDenom: 'uluna',
    receiver: 'terra1bob',
  });
  t.equal(engine.received.at(-1)?.subject, 'market.swap-send.terra1alice');
  t.match(engine.received.at(-1)?.payload, { requestId: 'send-1', receiver: 'terra1bob' });
  t.ok(result.ok && result.executed.receiver === 'terra1bob');
});

t.test('a rejected swap is a value with code, message, hint and the request id to retry', async (t) => {
  // Given an engine that rejects with a catalog code and, as for edge errors, no hint of its own
  const kind = REJECTIONS.noEffectivePrice;
  engine.answer = () => errorReply({ code: kind.code, message: kind.description, hint: '' });
  // When a swap is sent
  const result = await client.swap({
    trader: 'terra1alice',
    requestId: 'r-rejected',
    offer: { denom: 'uusd', amount: 5n },
    askDenom: 'uluna',
  });
  // Then it is not thrown: the error names the code and the catalog's hint fills the empty one
  t.same(result, {
    ok: false,
    requestId: 'r-rejected',
    error: { code: kind.code, message: kind.description, hint: kind.hint },
  });
});

t.test('a reply that is not the protocol names the field', async (t) => {
  // Given an engine whose SwapExecuted has a float where a Dec text belongs
  engine.answer = ({ payload }) => okReply({ ...eventToWire(executed(requestIdOf(payload))), spread: 0.005 });
  const swap = client.swap({
    trader: 'terra1alice',
    offer: { denom: 'uusd', amount: 1n },
    askDenom: 'uluna',
  });
  const error = await t.rejects(swap, UnexpectedReplyError);
  t.match(error, { code: 'CLIENT_ERR_UNEXPECTED_REPLY', path: 'value.spread' });
  // And an execution of another request id is refused rather than reported as this one
  engine.answer = () => okReply(eventToWire(executed('someone-else')));
  const other = client.swap({
    trader: 'terra1alice',
    requestId: 'mine',
    offer: { denom: 'uusd', amount: 1n },
    askDenom: 'uluna',
  });
  await t.rejects(other, { code: 'CLIENT_ERR_UNEXPECTED_REPLY', path: 'value.requestId' });
});

t.test('every query goes to its subject and reads every field', async (t) => {
  const height = 42n;
  const answers: Record<string, unknown> = {
    'market.query.pool': {
      basePool: dec.format(dec.parse('50000000000000')),
      terraPoolDelta: dec.format(dec.ZERO),
      terraPool: dec.format(dec.parse('50000000000000')),
      lunaPool: dec.format(dec.parse('833333333333.333333333333333333')),
      height,
    },
    'market.query.rates': {
      exchangeRates: { uusd: dec.format(dec.parse('80')), ubtc: dec.format(dec.parse('0.002')) },
      tobinTaxes: { uusd: dec.format(dec.parse('0.0025')) },
      height,
    },
    'market.query.params': { market: { basePool: '1.0' }, oracle: { votePeriod: 5n }, reserve: {}, height },
    'market.query.balance': { account: 'terra1alice', balances: { uusd: 100n, uluna: 7n }, height },
    'market.query.reserve': {
      entryDeltaUst: dec.format(dec.ZERO),
      exitDeltaUst: dec.format(dec.parse('-12.5')),
      inventory: { ubtc: 62_500_000_000n },
      dayCapBaseBtc: 6_250_000_000n,
      redeemedTodayBtc: 0,
      height,
    },
    'market.query.quote': { venue: 'market', returnCoin: { denom: 'uluna', amount: 12_437n } },
  };
  engine.answer = ({ subject }) => okReply(answers[subject]);

  const pool = await client.pool();
  t.same(pool, { ok: true, value: answers['market.query.pool'] });
  const rates = await client.rates();
  t.ok(rates.ok);
  if (rates.ok) t.same(Object.keys(rates.value.exchangeRates), ['ubtc', 'uusd'], 'denoms sorted');
  const params = await client.params();
  t.ok(params.ok && params.value.oracle['votePeriod'] === 5n);
  const balance = await client.balance('terra1alice');
  t.same(engine.received.at(-1)?.payload, { account: 'terra1alice' });
  t.same(balance, {
    ok: true,
    value: { account: 'terra1alice', balances: { uluna: 7n, uusd: 100n }, height },
  });
  const reserve = await client.reserve();
  t.ok(reserve.ok && reserve.value.redeemedTodayBtc === 0n && reserve.value.exitDeltaUst.startsWith('-12.5'));
  const quote = await client.quote({ offer: { denom: 'uusd', amount: 1_000_000n }, askDenom: 'uluna' });
  t.same(engine.received.at(-1)?.payload, {
    offer: { denom: 'uusd', amount: 1_000_000n },
    askDenom: 'uluna',
  });
  t.same(quote, { ok: true, value: { venue: 'market', returnCoin: { denom: 'uluna', amount: 12_437n } } });
});

t.test('a query answered with an error is a value', async (t) => {
  engine.answer = () => errorReply({ code: 'ENGINE_ERR_BUSY', message: 'inbox full', hint: 'retry later' });
  t.same(await client.pool(), {
    ok: false,
    error: { code: 'ENGINE_ERR_BUSY', message: 'inbox full', hint: 'retry later' },
  });
});

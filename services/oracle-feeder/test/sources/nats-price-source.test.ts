// The NATS price source against a real nats-server on loopback: it keeps the newest published
// price per pair with the publisher's timestamp, counts and ignores bad messages, and stops
// listening when closed.
import t, { type Test } from 'tap';
import { Decimal } from 'decimal.js';
import { closeNats, connectNats, encodePayload, startNatsServer } from '@marketnode/nats-kit';
import { encodePriceMessage, NatsPriceSource, type PriceQuote } from '../../src/index.js';

const CLOCK = { height: 1n, blockTimeMs: 0 };
const WAIT_MS_MAX = 10_000;

async function setup(t: Test) {
  const server = await startNatsServer();
  const subscriber = await connectNats({ servers: server.url, name: 'feeder-test', reconnect: false });
  const publisher = await connectNats({ servers: server.url, name: 'publisher-test', reconnect: false });
  t.teardown(async () => {
    await closeNats(publisher);
    await closeNats(subscriber);
    await server.stop();
  });
  const source = new NatsPriceSource({ connection: subscriber, subjectSource: 'sim' });
  await subscriber.flush();
  return { source, publisher };
}

/** Polls until the source has taken `count` messages in all (accepted, rejected or out of order). */
async function received(source: NatsPriceSource, count: number): Promise<void> {
  const deadline = Date.now() + WAIT_MS_MAX;
  for (;;) {
    const { accepted, rejected, outOfOrder } = source.counts();
    if (accepted + rejected + outOfOrder >= count) return;
    if (Date.now() > deadline)
      throw new Error(`only ${accepted + rejected + outOfOrder} of ${count} messages arrived`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function lines(quotes: readonly PriceQuote[]): string[] {
  return quotes.map((q) => `${q.source} ${q.base}/${q.quote} ${q.price.toString()} @${q.timestampMs}`).sort();
}

function price(base: string, quote: string, text: string, timestampMs: number): Uint8Array {
  return encodePriceMessage({ base, quote, price: new Decimal(text), timestampMs });
}

t.test('keeps the newest price per pair, with the publisher’s timestamp', async (t) => {
  const { source, publisher } = await setup(t);
  await t.rejects(source.fetchQuotes({ clock: CLOCK, signal: new AbortController().signal }), {
    code: 'FEEDER_ERR_SOURCE_NO_DATA',
  });
  publisher.publish('prices.sim', price('LUNA', 'USDT', '80.5', 1_000));
  publisher.publish('prices.sim', price('BTC', 'USD', '40000', 1_000));
  publisher.publish('prices.sim', price('LUNA', 'USDT', '81.25', 2_000));
  publisher.publish('prices.sim', price('LUNA', 'USDT', '79', 1_500));
  publisher.publish('prices.other', price('LUNA', 'USDT', '1', 9_000));
  await received(source, 4);
  const quotes = await source.fetchQuotes({ clock: CLOCK, signal: new AbortController().signal });
  t.same(lines(quotes), ['nats-sim BTC/USD 40000 @1000', 'nats-sim LUNA/USDT 81.25 @2000']);
  t.same(source.counts(), { accepted: 3, rejected: 0, outOfOrder: 1 });
  t.equal(source.subject, 'prices.sim');
});

t.test('bad messages are counted and ignored; good ones still arrive', async (t) => {
  const { source, publisher } = await setup(t);
  const bad: [string, Uint8Array][] = [
    ['not msgpack', new TextEncoder().encode('{"base":"LUNA"}')],
    ['a list', encodePayload(['LUNA', 'USDT', '80', 1])],
    ['a float price', encodePayload({ base: 'LUNA', quote: 'USDT', price: 80.5, timestampMs: 1 })],
    ['a negative price', encodePayload({ base: 'LUNA', quote: 'USDT', price: '-80', timestampMs: 1 })],
    ['a lower-case base', encodePayload({ base: 'luna', quote: 'USDT', price: '80', timestampMs: 1 })],
    ['a fractional timestamp', encodePayload({ base: 'LUNA', quote: 'USDT', price: '80', timestampMs: 1.5 })],
    ['no timestamp', encodePayload({ base: 'LUNA', quote: 'USDT', price: '80' })],
    [
      'too large',
      encodePayload({ base: 'LUNA', quote: 'USDT', price: '80', timestampMs: 1, pad: 'x'.repeat(2_000) }),
    ],
  ];
  for (const [, bytes] of bad) publisher.publish('prices.sim', bytes);
  publisher.publish('prices.sim', price('LUNA', 'USDT', '80.5', 1_000));
  await received(source, bad.length + 1);
  t.same(source.counts(), { accepted: 1, rejected: bad.length, outOfOrder: 0 });
  t.same(lines(await source.fetchQuotes({ clock: CLOCK, signal: new AbortController().signal })), [
    'nats-sim LUNA/USDT 80.5 @1000',
  ]);
  t.type(source.lastRejection(), 'string');
});

t.test('a timestamp above 2^32 (sent as a 64-bit integer) is read exactly', async (t) => {
  const { source, publisher } = await setup(t);
  publisher.publish('prices.sim', price('LUNA', 'USDT', '80', 1_774_706_400_123));
  await received(source, 1);
  const [quote] = await source.fetchQuotes({ clock: CLOCK, signal: new AbortController().signal });
  t.equal(quote?.timestampMs, 1_774_706_400_123);
});

t.test('after close the source unsubscribes and refuses to answer', async (t) => {
  const { source, publisher } = await setup(t);
  publisher.publish('prices.sim', price('LUNA', 'USDT', '80', 1));
  await received(source, 1);
  await source.close();
  publisher.publish('prices.sim', price('LUNA', 'USDT', '81', 2));
  await publisher.flush();
  await t.rejects(source.fetchQuotes({ clock: CLOCK, signal: new AbortController().signal }), {
    code: 'FEEDER_ERR_SOURCE_CLOSED',
  });
  t.equal(source.counts().accepted, 1);
});

t.test('a subject source that would change the subject is refused at construction', async (t) => {
  const { publisher } = await setup(t);
  for (const token of ['a.b', '*', '>', 'with space', ''])
    t.throws(() => new NatsPriceSource({ connection: publisher, subjectSource: token }), {
      code: 'FEEDER_ERR_SOURCE_CONFIG',
    });
});

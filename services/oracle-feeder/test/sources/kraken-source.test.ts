// Kraken's documented Ticker answer, served on loopback: the last trade price `c[0]` per pair, the
// response's Date header as the timestamp (Kraken gives none per ticker), errors in the body.
import t from 'tap';
import { KrakenSource } from '../../src/index.js';
import { fixture, reply, startLoopbackHttp } from './loopback-http.js';
import { CLOCK, failureCode } from './source-fixtures.js';

const DATE_HEADER = 'Sat, 28 Mar 2026 14:25:42 GMT';

function kraken(baseUrl: string): KrakenSource {
  return new KrakenSource({
    baseUrl,
    symbols: [
      { symbol: 'XXBTZUSD', base: 'BTC', quote: 'USD' },
      { symbol: 'USDTZUSD', base: 'USDT', quote: 'USD' },
    ],
  });
}

t.test('reads the last trade price of each pair, stamped with the Date header', async (t) => {
  const server = await startLoopbackHttp();
  t.teardown(() => server.close());
  server.handle((_request, response) => {
    response.sendDate = false;
    response.writeHead(200, { 'content-type': 'application/json', date: DATE_HEADER });
    response.end(fixture('kraken-ticker.json'));
  });
  const quotes = await kraken(server.baseUrl).fetchQuotes({
    clock: CLOCK,
    signal: new AbortController().signal,
  });
  const dateMs = Date.UTC(2026, 2, 28, 14, 25, 42);
  t.same(
    quotes.map((q) => [q.source, q.base, q.quote, q.price.toString(), q.timestampMs]),
    [
      ['kraken', 'BTC', 'USD', '66740.6', dateMs],
      ['kraken', 'USDT', 'USD', '1.00015', dateMs],
    ],
  );
  t.equal(server.requests[0]?.pathname, '/0/public/Ticker');
  t.equal(server.requests[0]?.searchParams.get('pair'), 'XXBTZUSD,USDTZUSD');
});

t.test('without a Date header the quote is stamped with the time the answer arrived', async (t) => {
  const server = await startLoopbackHttp();
  t.teardown(() => server.close());
  server.handle((_request, response) => {
    response.sendDate = false;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(fixture('kraken-ticker.json'));
  });
  const beforeMs = Date.now();
  const quotes = await kraken(server.baseUrl).fetchQuotes({
    clock: CLOCK,
    signal: new AbortController().signal,
  });
  const afterMs = Date.now();
  const stamp = quotes[0]?.timestampMs ?? 0;
  t.ok(stamp >= beforeMs && stamp <= afterMs, 'stamped between the request and the answer');
});

t.test("Kraken's error list (HTTP 200) is an API error", async (t) => {
  const server = await startLoopbackHttp();
  t.teardown(() => server.close());
  server.handle(reply(fixture('kraken-unknown-pair.json')));
  t.equal(await failureCode(kraken(server.baseUrl)), 'FEEDER_ERR_SOURCE_API_ERROR');
});

t.test('a missing pair or a last price that is not a positive decimal is malformed', async (t) => {
  const server = await startLoopbackHttp();
  t.teardown(() => server.close());
  const body = JSON.parse(fixture('kraken-ticker.json')) as {
    result: Record<string, Record<string, unknown>>;
  };
  const btc = body.result['XXBTZUSD'];
  const usdt = body.result['USDTZUSD'];
  const variants: [string, unknown][] = [
    ['no error field', { result: body.result }],
    ['one pair missing', { error: [], result: { XXBTZUSD: btc } }],
    ['c is not an array', { error: [], result: { XXBTZUSD: { ...btc, c: '66740.6' }, USDTZUSD: usdt } }],
    ['an empty c', { error: [], result: { XXBTZUSD: { ...btc, c: [] }, USDTZUSD: usdt } }],
    ['a negative price', { error: [], result: { XXBTZUSD: { ...btc, c: ['-1', '1'] }, USDTZUSD: usdt } }],
  ];
  for (const [what, variant] of variants) {
    server.handle(reply(JSON.stringify(variant)));
    t.equal(await failureCode(kraken(server.baseUrl)), 'FEEDER_ERR_SOURCE_MALFORMED', what);
  }
});

// Binance's documented 24hr ticker answer, served on loopback: prices exactly as written, each
// ticker's closeTime as the quote's timestamp, one request for all symbols.
import t from 'tap';
import { BinanceSource } from '../../src/index.js';
import { fixture, reply, startLoopbackHttp } from './loopback-http.js';
import { CLOCK, failureCode } from './source-fixtures.js';

function binance(baseUrl: string): BinanceSource {
  return new BinanceSource({
    baseUrl,
    symbols: [
      { symbol: 'LUNCUSDT', base: 'LUNA', quote: 'USDT' },
      { symbol: 'BTCUSDT', base: 'BTC', quote: 'USDT' },
    ],
  });
}

t.test('reads lastPrice and closeTime of each configured symbol', async (t) => {
  const server = await startLoopbackHttp();
  t.teardown(() => server.close());
  server.handle(reply(fixture('binance-ticker-24hr.json')));
  const quotes = await binance(server.baseUrl).fetchQuotes({
    clock: CLOCK,
    signal: new AbortController().signal,
  });
  t.same(
    quotes.map((q) => [q.source, q.base, q.quote, q.price.toString(), q.timestampMs]),
    [
      ['binance', 'LUNA', 'USDT', '0.0000795', 1774707942003],
      ['binance', 'BTC', 'USDT', '66814', 1774707941870],
    ],
  );
  t.equal(server.requests.length, 1);
  t.equal(server.requests[0]?.pathname, '/api/v3/ticker/24hr');
  t.equal(server.requests[0]?.searchParams.get('symbols'), '["LUNCUSDT","BTCUSDT"]');
});

t.test('keeps a base URL path prefix (a proxy or a recorded-response server)', async (t) => {
  const server = await startLoopbackHttp();
  t.teardown(() => server.close());
  server.handle(reply(fixture('binance-ticker-24hr.json')));
  await binance(`${server.baseUrl}/binance/`).fetchQuotes({
    clock: CLOCK,
    signal: new AbortController().signal,
  });
  t.equal(server.requests[0]?.pathname, '/binance/api/v3/ticker/24hr');
});

t.test("Binance's documented error answer is an HTTP status failure", async (t) => {
  const server = await startLoopbackHttp();
  t.teardown(() => server.close());
  server.handle(reply(fixture('binance-invalid-symbol.json'), 400));
  t.equal(await failureCode(binance(server.baseUrl)), 'FEEDER_ERR_SOURCE_HTTP_STATUS');
});

t.test('a missing symbol, a bad price or a bad closeTime fails the whole answer as malformed', async (t) => {
  const server = await startLoopbackHttp();
  t.teardown(() => server.close());
  const tickers = JSON.parse(fixture('binance-ticker-24hr.json')) as Record<string, unknown>[];
  const variants: [string, unknown][] = [
    ['only one of the two symbols', [tickers[0]]],
    ['a negative price', [{ ...tickers[0], lastPrice: '-0.00007950' }, tickers[1]]],
    ['a zero price', [{ ...tickers[0], lastPrice: '0.00000000' }, tickers[1]]],
    ['a price that is not a number', [{ ...tickers[0], lastPrice: 'NaN' }, tickers[1]]],
    ['a price with a huge exponent', [{ ...tickers[0], lastPrice: '1e400' }, tickers[1]]],
    ['a price as a JSON boolean', [{ ...tickers[0], lastPrice: true }, tickers[1]]],
    ['a missing closeTime', [{ ...tickers[0], closeTime: undefined }, tickers[1]]],
    ['a closeTime as text', [{ ...tickers[0], closeTime: 'yesterday' }, tickers[1]]],
    ['a ticker that is not an object', ['LUNCUSDT', tickers[1]]],
  ];
  for (const [what, body] of variants) {
    server.handle(reply(JSON.stringify(body)));
    t.equal(await failureCode(binance(server.baseUrl)), 'FEEDER_ERR_SOURCE_MALFORMED', what);
  }
});

t.test('a price written as a JSON number keeps its exact digits', async (t) => {
  const server = await startLoopbackHttp();
  t.teardown(() => server.close());
  const body =
    '[{"symbol":"LUNCUSDT","lastPrice":0.1000000000000000055511151231257827,"closeTime":1774707942003},' +
    '{"symbol":"BTCUSDT","lastPrice":"66814.00000000","closeTime":1774707941870}]';
  server.handle(reply(body));
  const quotes = await binance(server.baseUrl).fetchQuotes({
    clock: CLOCK,
    signal: new AbortController().signal,
  });
  t.equal(quotes[0]?.price.toString(), '0.1000000000000000055511151231257827');
});

t.test('options are checked when the source is built', async (t) => {
  const symbols = [{ symbol: 'BTCUSDT', base: 'BTC', quote: 'USDT' }];
  const bad: [string, () => unknown][] = [
    ['a base URL that is not a URL', () => new BinanceSource({ baseUrl: 'api.binance.com', symbols })],
    ['a base URL that is not http', () => new BinanceSource({ baseUrl: 'ftp://127.0.0.1', symbols })],
    ['no symbols', () => new BinanceSource({ baseUrl: 'http://127.0.0.1', symbols: [] })],
    ['a timeout of 0', () => new BinanceSource({ baseUrl: 'http://127.0.0.1', symbols, timeoutMs: 0 })],
    [
      'an unbounded timeout',
      () => new BinanceSource({ baseUrl: 'http://127.0.0.1', symbols, timeoutMs: 3_600_000 }),
    ],
    [
      'a pair with itself',
      () =>
        new BinanceSource({
          baseUrl: 'http://127.0.0.1',
          symbols: [{ symbol: 'X', base: 'BTC', quote: 'BTC' }],
        }),
    ],
    [
      'symbols as text',
      () => new BinanceSource({ baseUrl: 'http://127.0.0.1', symbols: 'BTCUSDT' } as never),
    ],
    [
      'a symbol without a base',
      () => new BinanceSource({ baseUrl: 'http://127.0.0.1', symbols: [{ symbol: 'X' }] } as never),
    ],
    ['a base URL as a number', () => new BinanceSource({ baseUrl: 8080, symbols } as never)],
  ];
  for (const [what, build] of bad) t.throws(build, { code: 'FEEDER_ERR_SOURCE_CONFIG' }, what);
});

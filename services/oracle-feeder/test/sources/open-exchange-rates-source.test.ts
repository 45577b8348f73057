// Open Exchange Rates' documented latest.json answer, served on loopback: USD/KRW and USD/XDR (the
// SDR) with the document's publication timestamp; JSON numbers keep their exact digits.
import t from 'tap';
import { OpenExchangeRatesSource } from '../../src/index.js';
import { fixture, reply, startLoopbackHttp } from './loopback-http.js';
import { CLOCK, failureCode } from './source-fixtures.js';

const SYMBOLS = [
  { symbol: 'KRW', base: 'USD', quote: 'KRW' },
  { symbol: 'XDR', base: 'USD', quote: 'XDR' },
];

function oxr(baseUrl: string): OpenExchangeRatesSource {
  return new OpenExchangeRatesSource({ baseUrl, appId: 'test-app-id', symbols: SYMBOLS });
}

t.test('reads KRW and XDR against USD, stamped with the published timestamp', async (t) => {
  const server = await startLoopbackHttp();
  t.teardown(() => server.close());
  server.handle(reply(fixture('openexchangerates-latest.json')));
  const quotes = await oxr(server.baseUrl).fetchQuotes({
    clock: CLOCK,
    signal: new AbortController().signal,
  });
  t.same(
    quotes.map((q) => [q.source, q.base, q.quote, q.price.toString(), q.timestampMs]),
    [
      ['openexchangerates', 'USD', 'KRW', '1351.25', 1774706400000],
      ['openexchangerates', 'USD', 'XDR', '0.748839', 1774706400000],
    ],
  );
  const url = server.requests[0];
  t.equal(url?.pathname, '/api/latest.json');
  t.equal(url?.searchParams.get('app_id'), 'test-app-id');
  t.equal(url?.searchParams.get('base'), 'USD');
  t.equal(url?.searchParams.get('symbols'), 'KRW,XDR');
});

t.test('a rate printed with an exponent is read exactly', async (t) => {
  const server = await startLoopbackHttp();
  t.teardown(() => server.close());
  server.handle(reply('{"timestamp":1774706400,"base":"USD","rates":{"KRW":1.35125e3,"XDR":7.48839e-1}}'));
  const quotes = await oxr(server.baseUrl).fetchQuotes({
    clock: CLOCK,
    signal: new AbortController().signal,
  });
  t.same(
    quotes.map((q) => q.price.toString()),
    ['1351.25', '0.748839'],
  );
});

t.test('rates against another base, a missing currency or a bad timestamp are malformed', async (t) => {
  const server = await startLoopbackHttp();
  t.teardown(() => server.close());
  const variants: [string, string][] = [
    ['another base', '{"timestamp":1774706400,"base":"EUR","rates":{"KRW":1463.1,"XDR":0.81}}'],
    ['no XDR', '{"timestamp":1774706400,"base":"USD","rates":{"KRW":1351.25}}'],
    ['a negative rate', '{"timestamp":1774706400,"base":"USD","rates":{"KRW":-1351.25,"XDR":0.75}}'],
    [
      'a timestamp as a date string',
      '{"timestamp":"2026-03-28","base":"USD","rates":{"KRW":1351.25,"XDR":0.75}}',
    ],
    ['a fractional timestamp', '{"timestamp":1774706400.5,"base":"USD","rates":{"KRW":1351.25,"XDR":0.75}}'],
    ['rates as an array', '{"timestamp":1774706400,"base":"USD","rates":[1351.25,0.75]}'],
  ];
  for (const [what, body] of variants) {
    server.handle(reply(body));
    t.equal(await failureCode(oxr(server.baseUrl)), 'FEEDER_ERR_SOURCE_MALFORMED', what);
  }
});

t.test('symbols must share one base and be the currency codes themselves', async (t) => {
  t.throws(
    () =>
      new OpenExchangeRatesSource({
        baseUrl: 'http://127.0.0.1',
        symbols: [SYMBOLS[0] as (typeof SYMBOLS)[number], { symbol: 'XDR', base: 'EUR', quote: 'XDR' }],
      }),
    { code: 'FEEDER_ERR_SOURCE_CONFIG' },
  );
  t.throws(
    () =>
      new OpenExchangeRatesSource({
        baseUrl: 'http://127.0.0.1',
        symbols: [{ symbol: 'SDR', base: 'USD', quote: 'XDR' }],
      }),
    { code: 'FEEDER_ERR_SOURCE_CONFIG' },
  );
});

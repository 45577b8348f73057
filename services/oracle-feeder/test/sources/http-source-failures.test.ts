// Every HTTP adapter against a real loopback server that misbehaves: each failure rejects with its
// stable FeederSourceError code, bounded by the adapter's own timeout, and never resolves with prices.
import t from 'tap';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { FeederSourceError } from '../../src/index.js';
import { fixture, neverAnswer, reply, stallBody, startLoopbackHttp, type Handler } from './loopback-http.js';
import { ADAPTERS, CLOCK, failureCode } from './source-fixtures.js';

const SHORT_TIMEOUT_MS = 300;

const LARGE_BODY = `[${'1,'.repeat(4_000)}1]`;

const HTML_PAGE = '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>';

interface FailureCase {
  readonly what: string;
  readonly handler: Handler;
  readonly code: string;
  readonly limits?: { timeoutMs?: number; bodyBytesMax?: number };
}

const FAILURES: readonly FailureCase[] = [
  { what: 'HTTP 500', handler: reply('{"msg":"internal"}', 500), code: 'FEEDER_ERR_SOURCE_HTTP_STATUS' },
  { what: 'HTTP 429 rate limit', handler: reply('', 429), code: 'FEEDER_ERR_SOURCE_HTTP_STATUS' },
  {
    what: 'an HTML page with status 200',
    handler: reply(HTML_PAGE, 200),
    code: 'FEEDER_ERR_SOURCE_MALFORMED',
  },
  { what: 'an empty body', handler: reply('', 200), code: 'FEEDER_ERR_SOURCE_MALFORMED' },
  { what: 'JSON null', handler: reply('null'), code: 'FEEDER_ERR_SOURCE_MALFORMED' },
  { what: 'JSON of another shape', handler: reply('{"data":[1,2,3]}'), code: 'FEEDER_ERR_SOURCE_MALFORMED' },
  {
    what: 'bytes that are not UTF-8',
    handler: (_request, response) => response.writeHead(200).end(Buffer.from([0x5b, 0xff, 0xfe, 0x5d])),
    code: 'FEEDER_ERR_SOURCE_MALFORMED',
  },
  {
    what: 'a server that never answers',
    handler: neverAnswer,
    code: 'FEEDER_ERR_SOURCE_TIMEOUT',
    limits: { timeoutMs: SHORT_TIMEOUT_MS },
  },
  {
    what: 'a body that stalls after the headers',
    handler: stallBody,
    code: 'FEEDER_ERR_SOURCE_TIMEOUT',
    limits: { timeoutMs: SHORT_TIMEOUT_MS },
  },
  {
    what: 'a body over the byte limit (declared length)',
    handler: reply(LARGE_BODY, 200, { 'content-length': String(LARGE_BODY.length) }),
    code: 'FEEDER_ERR_SOURCE_TOO_LARGE',
    limits: { bodyBytesMax: 1_024 },
  },
  {
    what: 'a chunked body over the byte limit',
    handler: (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      for (let chunk = 0; chunk < 16; chunk += 1) response.write(' '.repeat(512));
      response.end('[]');
    },
    code: 'FEEDER_ERR_SOURCE_TOO_LARGE',
    limits: { bodyBytesMax: 1_024 },
  },
];

t.test('each failure of the API becomes its stable code, for every adapter', async (t) => {
  const server = await startLoopbackHttp();
  t.teardown(() => server.close());
  for (const adapter of ADAPTERS) {
    for (const failure of FAILURES) {
      server.handle(failure.handler);
      const source = adapter.build(server.baseUrl, failure.limits);
      t.equal(await failureCode(source), failure.code, `${adapter.name}: ${failure.what}`);
    }
  }
});

t.test('the same adapters resolve against their documented answer (the cases above can fail)', async (t) => {
  const server = await startLoopbackHttp();
  t.teardown(() => server.close());
  for (const adapter of ADAPTERS) {
    server.handle(reply(fixture(adapter.fixture)));
    const quotes = await adapter
      .build(server.baseUrl)
      .fetchQuotes({ clock: CLOCK, signal: new AbortController().signal });
    t.equal(quotes.length, 2, adapter.name);
  }
});

t.test('a refused connection is UNREACHABLE', async (t) => {
  const port = await closedPort();
  for (const adapter of ADAPTERS)
    t.equal(
      await failureCode(adapter.build(`http://127.0.0.1:${port}`)),
      'FEEDER_ERR_SOURCE_UNREACHABLE',
      adapter.name,
    );
});

t.test("the caller's cancellation is ABORTED, not a timeout", async (t) => {
  const server = await startLoopbackHttp();
  t.teardown(() => server.close());
  server.handle(neverAnswer);
  for (const adapter of ADAPTERS) {
    const controller = new AbortController();
    const pending = failureCode(adapter.build(server.baseUrl, { timeoutMs: 30_000 }), controller.signal);
    setImmediate(() => controller.abort());
    t.equal(await pending, 'FEEDER_ERR_SOURCE_ABORTED', adapter.name);
  }
});

t.test('a closed source refuses to fetch', async (t) => {
  for (const adapter of ADAPTERS) {
    const source = adapter.build('http://127.0.0.1:9');
    await source.close();
    t.equal(await failureCode(source), 'FEEDER_ERR_SOURCE_CLOSED', adapter.name);
  }
});

t.test(
  'errors are FeederSourceErrors naming the source, without the query (it may hold a key)',
  async (t) => {
    const server = await startLoopbackHttp();
    t.teardown(() => server.close());
    server.handle(reply(fixture('openexchangerates-invalid-app-id.json'), 401));
    const oxr = ADAPTERS.find((adapter) => adapter.name === 'openexchangerates');
    const error = await oxr
      ?.build(server.baseUrl)
      .fetchQuotes({ clock: CLOCK, signal: new AbortController().signal })
      .then(
        () => undefined,
        (rejection: unknown) => rejection,
      );
    t.ok(error instanceof FeederSourceError);
    if (!(error instanceof FeederSourceError)) return;
    t.equal(error.code, 'FEEDER_ERR_SOURCE_HTTP_STATUS');
    t.equal(error.source, 'openexchangerates');
    t.match(error.message, /HTTP 401/);
    t.notMatch(error.message, /test-app-id/);
  },
);

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

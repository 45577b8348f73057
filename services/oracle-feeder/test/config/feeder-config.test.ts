// The config file's rules: a good file reads into options (relative paths against the file), and
// each broken rule is a FEEDER_ERR_CONFIG naming the field.
import t from 'tap';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSources, parseFeederConfig, readFeederConfigFile } from '../../src/config/feeder-config.js';
import { FeederConfigError } from '../../src/service/feeder-errors.js';
import { closeNats, connectNats, startNatsServer } from '@marketnode/nats-kit';

const NO_NATS = {
  natsConnection: () => Promise.reject(new Error('this test has no NATS server')),
};

const GOOD = {
  natsUrl: 'nats://127.0.0.1:4222',
  validators: ['terravaloper1alpha', 'terravaloper1beta'],
  dataDir: 'feeder-data',
  metrics: { port: 0 },
  sources: [{ kind: 'simulated', seed: 7 }],
};

t.test(
  'a good file: validators, sources built, data dir relative to the file, demo aggregation',
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'feeder-config-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'feeder.json');
    writeFileSync(path, JSON.stringify(GOOD));
    const config = readFeederConfigFile(path);
    t.same(config.validators, GOOD.validators);
    t.equal(config.dataDir, join(dir, 'feeder-data'));
    t.same(config.metrics, { port: 0 });
    const sources = await buildSources(config, NO_NATS);
    t.same(
      sources.map((source) => source.name),
      ['simulated'],
    );
    const quotes = await sources[0]?.fetchQuotes({
      clock: { height: 1n, blockTimeMs: Date.now() },
      signal: new AbortController().signal,
    });
    t.ok((quotes?.length ?? 0) > 0, 'the simulated source quotes the demo pairs');
    t.ok(config.aggregation.denoms.length > 0, 'the demo pricing when none is configured');
  },
);

t.test('every broken rule names its field', async (t) => {
  const cases: [string, unknown, RegExp][] = [
    ['not an object', [], /the config must be a JSON object/],
    ['unknown field', { ...GOOD, natsURL: 'x' }, /natsURL is not a config field/],
    ['bad NATS URL', { ...GOOD, natsUrl: 'http://x' }, /natsUrl must be a NATS URL/],
    ['no validators', { ...GOOD, validators: [] }, /validators must be a non-empty list/],
    ['a validator twice', { ...GOOD, validators: ['a', 'a'] }, /validators\[1\] lists a twice/],
    ['a bad validator', { ...GOOD, validators: ['terra.valoper'] }, /validators\[0\] must be 1 to 128/],
    ['a bad port', { ...GOOD, metrics: { port: 70_000 } }, /metrics.port must be a port number/],
    ['no sources', { ...GOOD, sources: [] }, /sources must be a non-empty list/],
    ['no data dir', { ...GOOD, dataDir: '' }, /dataDir must be a non-empty string/],
    ['a bad timeout', { ...GOOD, resultTimeoutMs: -1 }, /resultTimeoutMs must be a whole number/],
    ['a bad aggregation', { ...GOOD, aggregation: { denoms: [] } }, /aggregation is refused/],
  ];
  for (const [name, json, message] of cases) {
    const error = catchError(() => parseFeederConfig(json, { baseDir: '/' }));
    t.ok(error instanceof FeederConfigError, name);
    t.equal((error as FeederConfigError).code, 'FEEDER_ERR_CONFIG');
    t.match((error as Error).message, message, name);
  }
});

t.test('sources: an unknown kind, refused options and a name used twice', async (t) => {
  const cases: [unknown[], RegExp][] = [
    [[{ kind: 'coinbase' }], /sources\[0\].kind must be one of binance, kraken/],
    [[{ kind: 'simulated' }], /sources\[0\] is refused/],
    [
      [
        { kind: 'simulated', seed: 1 },
        { kind: 'simulated', seed: 2 },
      ],
      /sources\[1\].name "simulated" is used twice/,
    ],
  ];
  for (const [sources, message] of cases) {
    const config = parseFeederConfig({ ...GOOD, sources }, { baseDir: '/' });
    await t.rejects(buildSources(config, NO_NATS), message);
  }
});

t.test('a missing or non-JSON file', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'feeder-config-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  t.throws(() => readFeederConfigFile(join(dir, 'absent.json')), /cannot be read/);
  writeFileSync(join(dir, 'broken.json'), '{ "natsUrl": ');
  t.throws(() => readFeederConfigFile(join(dir, 'broken.json')), /is not JSON/);
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

t.test("the README's example config reads and builds its sources", async (t) => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const example = /```json\n([\s\S]*?)```/.exec(readme)?.[1];
  t.ok(example, 'the README has a JSON example');
  const config = parseFeederConfig(JSON.parse(example ?? '{}'), { baseDir: '/' });
  t.same(
    (await buildSources(config, NO_NATS)).map((source) => source.name),
    ['simulated', 'binance'],
  );
});

t.test(
  'a recorded file relative to the config, and a NATS price subject on the connection given',
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'feeder-config-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(
      join(dir, 'prices.jsonl'),
      '{"timestampMs":1000,"base":"LUNA","quote":"USDT","price":"80.5"}\n',
    );
    const nats = await startNatsServer();
    t.teardown(() => nats.stop());
    const connection = await connectNats({ servers: nats.url, name: 'feeder-config-test' });
    t.teardown(() => closeNats(connection));
    const config = parseFeederConfig(
      {
        ...GOOD,
        sources: [
          { kind: 'recorded-file', path: 'prices.jsonl' },
          { kind: 'nats', subjectSource: 'sim' },
        ],
      },
      { baseDir: dir },
    );
    const sources = await buildSources(config, { natsConnection: async () => connection });
    t.same(
      sources.map((source) => source.name),
      ['recorded', 'nats-sim'],
    );
    const quotes = await sources[0]?.fetchQuotes({
      clock: { height: 1n, blockTimeMs: 2000 },
      signal: new AbortController().signal,
    });
    t.equal(quotes?.[0]?.price.toString(), '80.5', 'the recording was read from beside the config');
    await Promise.all(sources.map((source) => source.close()));
  },
);

// The recorded-file source replays JSONL and CSV recordings against block time: the latest record
// at or before the block, with the record's own timestamp (so gaps age into staleness), bad lines
// refused with their line numbers.
import t from 'tap';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RecordedFileSource, type PriceQuote } from '../../src/index.js';

const JSONL = fileURLToPath(new URL('../fixtures/recorded-prices.jsonl', import.meta.url));
const CSV = fileURLToPath(new URL('../fixtures/recorded-prices.csv', import.meta.url));
const T0 = 1_774_706_400_000;

async function at(source: RecordedFileSource, blockTimeMs: number): Promise<string[]> {
  const quotes = await source.fetchQuotes({
    clock: { height: 1n, blockTimeMs },
    signal: new AbortController().signal,
  });
  return quotes.map((q: PriceQuote) => `${q.base}/${q.quote} ${q.price.toString()} @${q.timestampMs - T0}`);
}

for (const [format, path] of [
  ['JSONL', JSONL],
  ['CSV', CSV],
] as const) {
  t.test(`${format}: each pair's latest record at or before the block time`, async (t) => {
    const source = await RecordedFileSource.open({ path });
    t.same(await at(source, T0), ['LUNA/USDT 80.1 @0', 'USDT/USD 1.0001 @0']);
    t.same(await at(source, T0 + 5_999), ['LUNA/USDT 80.1 @0', 'USDT/USD 1.0001 @0']);
    t.same(await at(source, T0 + 6_000), ['LUNA/USDT 80.25 @6000', 'USDT/USD 1.0001 @0']);
    t.same(
      await at(source, T0 + 90_000),
      ['LUNA/USDT 79.875 @12000', 'USDT/USD 1.0001 @0'],
      'old records keep their age',
    );
    t.same(await at(source, T0 + 100_000), ['LUNA/USDT 79.875 @12000', 'USDT/USD 0.9998 @100000']);
  });
}

t.test('before the first record there is no data; timeShiftMs moves the recording', async (t) => {
  const source = await RecordedFileSource.open({ path: JSONL });
  await t.rejects(
    source.fetchQuotes({ clock: { height: 1n, blockTimeMs: T0 - 1 }, signal: new AbortController().signal }),
    {
      code: 'FEEDER_ERR_SOURCE_NO_DATA',
    },
  );
  const shifted = await RecordedFileSource.open({ path: JSONL, timeShiftMs: 1_000_000 });
  t.same(await at(shifted, T0 + 1_006_000), ['LUNA/USDT 80.25 @1006000', 'USDT/USD 1.0001 @1000000']);
  await source.close();
  await t.rejects(
    source.fetchQuotes({ clock: { height: 1n, blockTimeMs: T0 }, signal: new AbortController().signal }),
    {
      code: 'FEEDER_ERR_SOURCE_CLOSED',
    },
  );
});

t.test('a bad recording is refused at open, naming each bad line', async (t) => {
  const folder = await mkdtemp(join(tmpdir(), 'recorded-source-'));
  t.teardown(() => rm(folder, { recursive: true, force: true }));
  const cases: [string, string, RegExp][] = [
    [
      'bad.jsonl',
      '{"timestampMs":1,"base":"LUNA","quote":"USDT","price":"-1"}\nnot json\n',
      /line 1: price.*line 2: not a JSON object/,
    ],
    ['bad.csv', 'time,base,quote,price\n1,LUNA,USDT,80\n', /line 1: the CSV header/],
    ['short.csv', 'timestampMs,base,quote,price\n1,LUNA,80\n', /line 2: expected 4/],
    ['lower.csv', 'timestampMs,base,quote,price\n1,luna,USDT,80\n', /line 2: base/],
    [
      'float-time.jsonl',
      '{"timestampMs":1.5,"base":"LUNA","quote":"USDT","price":"80"}\n',
      /line 1: timestampMs/,
    ],
    ['empty.jsonl', '\n# nothing\n', /no price records/],
  ];
  for (const [name, text, pattern] of cases) {
    const path = join(folder, name);
    await writeFile(path, text);
    await t.rejects(
      RecordedFileSource.open({ path }),
      { code: 'FEEDER_ERR_SOURCE_CONFIG', message: pattern },
      name,
    );
  }
  await t.rejects(RecordedFileSource.open({ path: join(folder, 'missing.jsonl') }), {
    code: 'FEEDER_ERR_SOURCE_CONFIG',
    message: /cannot read/,
  });
});

// The simulated market: the same seed gives the same prices in any process and in any query order,
// drift and shocks follow their closed forms, volatility has the configured size, and per-feeder
// noise stays within its band.
import t from 'tap';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Decimal } from 'decimal.js';
import {
  SimulatedMarketSource,
  DEMO_SIMULATED_ASSETS,
  type SimulatedAsset,
  type SimulatedMarketOptions,
} from '../../src/index.js';

const SEED = 424242;
const HEIGHTS = [0n, 1n, 2n, 7n, 100n, 2_500n];

async function pricesAt(source: SimulatedMarketSource, height: bigint): Promise<string[]> {
  const quotes = await source.fetchQuotes({
    clock: { height, blockTimeMs: 1_000_000 + Number(height) * 6_000 },
    signal: new AbortController().signal,
  });
  return quotes.map((quote) => `${quote.base}/${quote.quote} ${quote.price.toString()}`);
}

function flatAsset(options: Partial<SimulatedAsset> = {}): SimulatedAsset {
  return {
    base: 'LUNA',
    quote: 'USD',
    startPrice: '80',
    driftPerBlock: 0,
    volatilityPerBlock: 0,
    ...options,
  };
}

t.test('another process with the same seed computes the same prices', async (t) => {
  const local = new SimulatedMarketSource({ seed: SEED, assets: DEMO_SIMULATED_ASSETS });
  const expected: string[] = [];
  for (const height of HEIGHTS) expected.push(...(await pricesAt(local, height)));
  const moduleUrl = new URL('../../src/index.ts', import.meta.url).href;
  const script = `
    const { SimulatedMarketSource, DEMO_SIMULATED_ASSETS } = await import(${JSON.stringify(moduleUrl)});
    const source = new SimulatedMarketSource({ seed: ${SEED}, assets: DEMO_SIMULATED_ASSETS });
    const lines = [];
    for (const height of [${HEIGHTS.map((h) => `${h}n`).join(',')}].reverse()) {
      const quotes = await source.fetchQuotes({ clock: { height, blockTimeMs: 0 }, signal: new AbortController().signal });
      lines.unshift(...quotes.map((q) => q.base + '/' + q.quote + ' ' + q.price.toString()));
    }
    process.stdout.write(JSON.stringify(lines));`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      timeout: 60_000,
    },
  );
  t.same(JSON.parse(stdout), expected, 'same prices, though the child asked the heights in reverse order');
  t.equal(expected.length, HEIGHTS.length * DEMO_SIMULATED_ASSETS.length);
});

t.test('a fresh source asked one height agrees with one that walked there block by block', async (t) => {
  const walker = new SimulatedMarketSource({ seed: SEED, assets: DEMO_SIMULATED_ASSETS });
  for (let height = 0n; height < 300n; height += 1n) await pricesAt(walker, height);
  const fresh = new SimulatedMarketSource({ seed: SEED, assets: DEMO_SIMULATED_ASSETS });
  t.same(await pricesAt(fresh, 300n), await pricesAt(walker, 300n));
  t.same(await pricesAt(walker, 5n), await pricesAt(fresh, 5n), 'and going back to an earlier height');
});

t.test('the market starts at its start prices and another seed walks another path', async (t) => {
  const one = new SimulatedMarketSource({ seed: SEED, assets: DEMO_SIMULATED_ASSETS });
  const other = new SimulatedMarketSource({ seed: SEED + 1, assets: DEMO_SIMULATED_ASSETS });
  t.same(await pricesAt(one, 0n), [
    'LUNA/USDT 80',
    'USDT/USD 1',
    'USD/KRW 1187.5',
    'USD/XDR 0.75',
    'BTC/USD 40000',
  ]);
  t.notSame(await pricesAt(one, 50n), await pricesAt(other, 50n));
});

t.test('drift alone compounds: start x e^(drift x height)', async (t) => {
  const source = new SimulatedMarketSource({ seed: SEED, assets: [flatAsset({ driftPerBlock: 0.001 })] });
  const [line] = await pricesAt(source, 1_000n);
  const price = new Decimal(line?.split(' ')[1] ?? '0');
  t.equal(
    price.toSignificantDigits(10).toString(),
    new Decimal(80 * Math.E).toSignificantDigits(10).toString(),
  );
});

t.test('a crash of 50% over 10 blocks: untouched before, geometric during, half after', async (t) => {
  const source = new SimulatedMarketSource({
    seed: SEED,
    assets: [flatAsset()],
    shocks: [{ base: 'LUNA', quote: 'USD', startHeight: 100n, blocks: 10, changePct: -50 }],
  });
  const priceAt = async (height: bigint) => (await pricesAt(source, height))[0]?.split(' ')[1];
  t.equal(await priceAt(99n), '80');
  t.equal(
    await priceAt(104n),
    new Decimal(80 * Math.SQRT1_2).toSignificantDigits(12).toString(),
    'half way: x sqrt(1/2)',
  );
  t.equal(await priceAt(109n), '40');
  t.equal(await priceAt(5_000n), '40');
});

t.test('the per-block log-returns have the configured volatility and no drift', async (t) => {
  const volatility = 0.01;
  const source = new SimulatedMarketSource({
    seed: SEED,
    assets: [flatAsset({ volatilityPerBlock: volatility })],
  });
  const steps = 4_000;
  const logs: number[] = [];
  for (let height = 0; height <= steps; height += 1) {
    const [line] = await pricesAt(source, BigInt(height));
    logs.push(Math.log(Number(line?.split(' ')[1])));
  }
  const returns = logs.slice(1).map((log, index) => log - (logs[index] as number));
  const mean = returns.reduce((sum, r) => sum + r, 0) / steps;
  const deviation = Math.sqrt(returns.reduce((sum, r) => sum + (r - mean) ** 2, 0) / steps);
  t.ok(
    Math.abs(deviation / volatility - 1) < 0.1,
    `standard deviation ${deviation} is within 10% of ${volatility}`,
  );
  t.ok(Math.abs(mean) < (3 * volatility) / Math.sqrt(steps), `mean ${mean} is within 3 standard errors of 0`);
});

t.test('per-feeder noise is reproducible, differs between feeders, and stays within its band', async (t) => {
  const assets = [flatAsset()];
  const quiet = new SimulatedMarketSource({ seed: SEED, assets });
  const alpha = new SimulatedMarketSource({ seed: SEED, assets, noise: { feederId: 'alpha', pct: 0.5 } });
  const alphaAgain = new SimulatedMarketSource({
    seed: SEED,
    assets,
    noise: { feederId: 'alpha', pct: 0.5 },
  });
  const beta = new SimulatedMarketSource({ seed: SEED, assets, noise: { feederId: 'beta', pct: 0.5 } });
  t.same(await pricesAt(alpha, 20n), await pricesAt(alphaAgain, 20n));
  t.notSame(await pricesAt(alpha, 20n), await pricesAt(beta, 20n));
  for (let height = 0n; height < 200n; height += 1n) {
    const base = new Decimal((await pricesAt(quiet, height))[0]?.split(' ')[1] ?? '0');
    const noisy = new Decimal((await pricesAt(beta, height))[0]?.split(' ')[1] ?? '0');
    const deviationPct = noisy.minus(base).abs().div(base).times(100);
    if (deviationPct.greaterThan(0.5)) t.fail(`height ${height}: ${deviationPct.toString()}% off`);
  }
});

t.test('quotes carry the block time; a closed or cancelled source rejects', async (t) => {
  const source = new SimulatedMarketSource({ seed: SEED, assets: [flatAsset()] });
  const quotes = await source.fetchQuotes({
    clock: { height: 3n, blockTimeMs: 1_234_567 },
    signal: new AbortController().signal,
  });
  t.match(quotes[0], { source: 'simulated', base: 'LUNA', quote: 'USD', timestampMs: 1_234_567 });
  await t.rejects(
    source.fetchQuotes({ clock: { height: 3n, blockTimeMs: 0 }, signal: AbortSignal.abort() }),
    {
      code: 'FEEDER_ERR_SOURCE_ABORTED',
    },
  );
  await source.close();
  await t.rejects(
    source.fetchQuotes({ clock: { height: 3n, blockTimeMs: 0 }, signal: new AbortController().signal }),
    {
      code: 'FEEDER_ERR_SOURCE_CLOSED',
    },
  );
});

t.test('unusable options are refused when the source is built', async (t) => {
  const cases: [string, () => unknown][] = [
    ['no assets', () => new SimulatedMarketSource({ seed: 1, assets: [] })],
    [
      'a zero start price',
      () => new SimulatedMarketSource({ seed: 1, assets: [flatAsset({ startPrice: '0' })] }),
    ],
    [
      'a negative volatility',
      () => new SimulatedMarketSource({ seed: 1, assets: [flatAsset({ volatilityPerBlock: -1 })] }),
    ],
    [
      'a crash of 100%',
      () =>
        new SimulatedMarketSource({
          seed: 1,
          assets: [flatAsset()],
          shocks: [{ base: 'LUNA', quote: 'USD', startHeight: 1n, blocks: 1, changePct: -100 }],
        }),
    ],
    [
      'a shock of an unknown pair',
      () =>
        new SimulatedMarketSource({
          seed: 1,
          assets: [flatAsset()],
          shocks: [{ base: 'BTC', quote: 'USD', startHeight: 1n, blocks: 1, changePct: -10 }],
        }),
    ],
    [
      'a large noise',
      () => new SimulatedMarketSource({ seed: 1, assets: [flatAsset()], noise: { feederId: 'a', pct: 50 } }),
    ],
  ];
  for (const [what, build] of cases) t.throws(build, { code: 'FEEDER_ERR_SOURCE_CONFIG' }, what);
});

t.test('options of the wrong types (as from a JSON file) are refused with the field named', async (t) => {
  const cases: [string, unknown, RegExp][] = [
    ['assets not a list', { seed: 1, assets: 'demo' }, /assets must be a list/],
    ['a seed as text', { seed: '1', assets: [flatAsset()] }, /seed must be an integer/],
    ['a start price as a number', { seed: 1, assets: [{ ...flatAsset(), startPrice: 80 }] }, /startPrice/],
    [
      'a missing volatility',
      { seed: 1, assets: [{ base: 'LUNA', quote: 'USD', startPrice: '80', driftPerBlock: 0 }] },
      /volatilityPerBlock/,
    ],
    [
      'a shock height as a number',
      {
        seed: 1,
        assets: [flatAsset()],
        shocks: [{ base: 'LUNA', quote: 'USD', startHeight: 5, blocks: 1, changePct: -10 }],
      },
      /bigint/,
    ],
    ['noise as a number', { seed: 1, assets: [flatAsset()], noise: 0.5 }, /noise needs/],
  ];
  for (const [what, options, pattern] of cases)
    t.throws(
      () => new SimulatedMarketSource(options as SimulatedMarketOptions),
      { code: 'FEEDER_ERR_SOURCE_CONFIG', message: pattern },
      what,
    );
});

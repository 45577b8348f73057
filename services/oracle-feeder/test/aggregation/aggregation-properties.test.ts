// Seeded properties of the aggregation (PROPERTY_SEED replays a failure): the median ignores order,
// an outlier beyond the band cannot move a price pooled from three or more sources, a price never
// comes from fewer than the minimum of live sources, and all-stale quotes always abstain.
import t from 'tap';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { propertyOptions } from '@marketnode/testkit';
import { aggregateRates, median, type AggregationConfig, type SourceRound } from '../../src/index.js';
import { NOW_MS, quote, quoted } from './round-builders.js';

const MAX_AGE_MS = 60_000;
const BAND_PCT = 5;

function lunaOnly(minSources: number): AggregationConfig {
  return {
    denoms: [
      {
        denom: 'uusd',
        asset: 'USDT',
        legs: [{ kind: 'market', pair: { base: 'LUNA', quote: 'USDT' }, use: 'multiply' }],
      },
    ],
    defaultPolicy: { minSources, deviationBandPct: String(BAND_PCT) },
    futureSkewMsMax: 0,
  };
}

/** A price as text with up to 6 decimals, from 0.000001 to 1,000,000. */
const priceText = fc
  .integer({ min: 1, max: 1_000_000_000_000 })
  .map((micros) => new Decimal(micros).div(1e6).toFixed());

function lunaRounds(prices: readonly string[], agesMs: readonly number[] = []): SourceRound[] {
  return prices.map((price, index) =>
    quoted(`s${index}`, [quote(`s${index}`, 'LUNA/USDT', price, agesMs[index] ?? 0)], MAX_AGE_MS),
  );
}

function pooledPrice(rounds: readonly SourceRound[], minSources = 1): string | undefined {
  const outcome = aggregateRates({ rounds, nowMs: NOW_MS, config: lunaOnly(minSources) }).pairs[0];
  return outcome?.kind === 'pooled' ? outcome.price.toString() : undefined;
}

t.test('the median does not depend on the order of the quotes', async (t) => {
  fc.assert(
    fc.property(
      fc
        .array(priceText, { minLength: 1, maxLength: 9 })
        .chain((prices) =>
          fc.tuple(fc.constant(prices), fc.shuffledSubarray(prices, { minLength: prices.length })),
        ),
      ([prices, shuffled]) => {
        const a = median(prices.map((price) => new Decimal(price)));
        const b = median(shuffled.map((price) => new Decimal(price)));
        return a.equals(b) && pooledPrice(lunaRounds(prices)) === pooledPrice(lunaRounds(shuffled));
      },
    ),
    propertyOptions(),
  );
  t.pass('held');
});

t.test('with >= 3 agreeing sources, a quote beyond the band never moves the pooled price', async (t) => {
  // Honest quotes lie within 2% of a centre, so within the 5% band of any median among them; the
  // outlier is at least 10% beyond the farthest honest quote on its side.
  const scenario = fc.record({
    centre: fc.integer({ min: 1_000, max: 10_000_000 }),
    offsetsPermille: fc.array(fc.integer({ min: -10, max: 10 }), { minLength: 3, maxLength: 7 }),
    outlierPct: fc.integer({ min: 10, max: 1_000 }),
    above: fc.boolean(),
    position: fc.nat(),
  });
  fc.assert(
    fc.property(scenario, ({ centre, offsetsPermille, outlierPct, above, position }) => {
      const honest = offsetsPermille.map((permille) => new Decimal(centre).times(1000 + permille).div(1000));
      const extreme = above ? Decimal.max(...honest) : Decimal.min(...honest);
      const factor = above ? new Decimal(100 + outlierPct).div(100) : new Decimal(100).div(100 + outlierPct);
      const outlier = extreme.times(factor);
      const withOutlier = honest.map((price) => price.toFixed());
      withOutlier.splice(position % (honest.length + 1), 0, outlier.toFixed());
      const before = pooledPrice(lunaRounds(honest.map((price) => price.toFixed())));
      return before !== undefined && before === pooledPrice(lunaRounds(withOutlier));
    }),
    propertyOptions(),
  );
  t.pass('held');
});

t.test('a pooled price never comes from fewer than the minimum of live sources', async (t) => {
  const scenario = fc.record({
    prices: fc.array(priceText, { minLength: 0, maxLength: 8 }),
    agesMs: fc.array(fc.integer({ min: -5_000, max: 2 * MAX_AGE_MS }), { minLength: 8, maxLength: 8 }),
    minSources: fc.integer({ min: 1, max: 5 }),
  });
  fc.assert(
    fc.property(scenario, ({ prices, agesMs, minSources }) => {
      const rounds = lunaRounds(prices, agesMs);
      const result = aggregateRates({ rounds, nowMs: NOW_MS, config: lunaOnly(minSources) });
      const pair = result.pairs[0];
      if (pair?.kind !== 'pooled') return result.denoms[0]?.kind === 'abstain';
      const live = new Set(
        prices
          .map((_, index) => `s${index}`)
          .filter((_, index) => (agesMs[index] ?? 0) >= 0 && (agesMs[index] ?? 0) <= MAX_AGE_MS),
      );
      const used = result.quotes
        .filter((report) => report.verdict.kind === 'used')
        .map((report) => report.source);
      return (
        pair.sources.length >= minSources &&
        pair.sources.every((source) => live.has(source)) &&
        new Set(used).size === pair.sources.length
      );
    }),
    propertyOptions(),
  );
  t.pass('held');
});

t.test('when every quote is stale the denom abstains, whatever the prices', async (t) => {
  const scenario = fc.record({
    prices: fc.array(priceText, { minLength: 1, maxLength: 8 }),
    extraAgesMs: fc.array(fc.integer({ min: 1, max: 10 * MAX_AGE_MS }), { minLength: 8, maxLength: 8 }),
  });
  fc.assert(
    fc.property(scenario, ({ prices, extraAgesMs }) => {
      const ages = extraAgesMs.map((extra) => MAX_AGE_MS + extra);
      const result = aggregateRates({ rounds: lunaRounds(prices, ages), nowMs: NOW_MS, config: lunaOnly(1) });
      const outcome = result.denoms[0];
      return (
        outcome?.kind === 'abstain' &&
        outcome.reason.kind === 'pairShort' &&
        outcome.reason.shortfall.kind === 'stale' &&
        result.quotes.every((report) => report.verdict.kind === 'stale')
      );
    }),
    propertyOptions(),
  );
  t.pass('held');
});

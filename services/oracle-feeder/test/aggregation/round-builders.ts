// Small builders for aggregation tests: quotes and source rounds from plain text prices.
import { Decimal } from 'decimal.js';
import type { AggregationConfig, PriceQuote, SourceRound } from '../../src/index.js';
import { DEMO_DENOM_PRICING } from '../../src/index.js';

export const NOW_MS = 1_800_000_000_000;

export function quote(source: string, pairText: string, price: string, ageMs = 0): PriceQuote {
  const [base, quoteAsset] = pairText.split('/') as [string, string];
  return { source, base, quote: quoteAsset, price: new Decimal(price), timestampMs: NOW_MS - ageMs };
}

export function quoted(source: string, quotes: readonly PriceQuote[], maxAgeMs = 60_000): SourceRound {
  return { kind: 'quoted', source, maxAgeMs, quotes };
}

export function failed(source: string, code: string): SourceRound {
  return { kind: 'failed', source, error: { code, message: `${source} failed` } };
}

export function demoConfig(overrides: Partial<AggregationConfig> = {}): AggregationConfig {
  return {
    denoms: DEMO_DENOM_PRICING,
    defaultPolicy: { minSources: 1, deviationBandPct: '5' },
    futureSkewMsMax: 2_000,
    ...overrides,
  };
}

/**
 * The feeder's price decision, pure and deterministic given its inputs: pool each needed pair across
 * the sources (staleness, outlier gate, minimum sources, median), then convert one LUNA through the
 * configured legs into each denom's asset, abstaining whenever a leg is short. Uluna and every Terra
 * denom are micro units alike, so "denom per uluna" is the plain "asset per LUNA" price.
 */
import type { Decimal } from 'decimal.js';
import { PriceDecimal } from '../sources/price-decimal.js';
import {
  pairKey,
  type AggregationConfig,
  type DenomPricing,
  type Pair,
  type PairPolicy,
} from './aggregation-config.js';
import type {
  AggregationResult,
  DenomOutcome,
  PairOutcome,
  QuoteReport,
  SourceReport,
} from './aggregation-result.js';
import { poolPair, type PairCandidate } from './pool-pair.js';
import { roundRate } from './rate-text.js';
import type { SourceRound } from './source-round.js';
import { validateAggregationConfig } from './validate-aggregation-config.js';

export interface AggregateRatesInput {
  readonly rounds: readonly SourceRound[];
  /** The time quotes are aged against (ms since the epoch). */
  readonly nowMs: number;
  readonly config: AggregationConfig;
}

export function aggregateRates(input: AggregateRatesInput): AggregationResult {
  validateAggregationConfig(input.config);
  if (!Number.isSafeInteger(input.nowMs))
    throw new RangeError(`nowMs must be an integer, got ${input.nowMs}`);
  const sources = sourceReports(input.rounds);
  const candidates = candidatesByPair(input.rounds);
  const pairs = new Map<string, PairOutcome>();
  const quotes: QuoteReport[] = [];
  for (const pricing of input.config.denoms) {
    for (const leg of pricing.legs) {
      const key = pairKey(leg.pair);
      if (pairs.has(key)) continue;
      if (leg.kind === 'fixed') {
        pairs.set(key, { pair: leg.pair, kind: 'fixed', price: new PriceDecimal(leg.price), note: leg.note });
        continue;
      }
      const policy = policyFor(input.config, leg.pair);
      const pooled = poolPair({
        pair: leg.pair,
        candidates: candidates.get(key) ?? [],
        nowMs: input.nowMs,
        minSources: policy.minSources,
        deviationBandPct: new PriceDecimal(policy.deviationBandPct),
        futureSkewMsMax: input.config.futureSkewMsMax,
      });
      pairs.set(key, pooled.outcome);
      quotes.push(...pooled.quotes);
    }
  }
  const denoms = input.config.denoms.map((pricing) => convert(pricing, pairs));
  return { denoms, pairs: [...pairs.values()], quotes, sources };
}

function sourceReports(rounds: readonly SourceRound[]): SourceReport[] {
  const seen = new Set<string>();
  return rounds.map((round) => {
    if (seen.has(round.source)) throw new RangeError(`source ${round.source} answered twice in one round`);
    seen.add(round.source);
    return round.kind === 'quoted'
      ? { source: round.source, kind: 'answered', quoteCount: round.quotes.length }
      : { source: round.source, kind: 'failed', code: round.error.code, message: round.error.message };
  });
}

/** Every quote under its pair, attributed to the round's source (not to what the quote claims). */
function candidatesByPair(rounds: readonly SourceRound[]): Map<string, PairCandidate[]> {
  const byPair = new Map<string, PairCandidate[]>();
  for (const round of rounds) {
    if (round.kind !== 'quoted') continue;
    for (const quote of round.quotes) {
      const key = pairKey(quote);
      const list = byPair.get(key) ?? [];
      list.push({ source: round.source, maxAgeMs: round.maxAgeMs, quote });
      byPair.set(key, list);
    }
  }
  return byPair;
}

function policyFor(config: AggregationConfig, pair: Pair): PairPolicy {
  return config.pairPolicies?.[pairKey(pair)] ?? config.defaultPolicy;
}

function convert(pricing: DenomPricing, pairs: ReadonlyMap<string, PairOutcome>): DenomOutcome {
  let amount: Decimal = new PriceDecimal(1);
  for (const leg of pricing.legs) {
    const pair = pairs.get(pairKey(leg.pair));
    if (pair === undefined)
      throw new Error(`pair ${pairKey(leg.pair)} was not pooled: a bug in aggregateRates`);
    if (pair.kind === 'short')
      return {
        denom: pricing.denom,
        kind: 'abstain',
        reason: { kind: 'pairShort', pair: leg.pair, shortfall: pair.shortfall },
      };
    amount = leg.use === 'multiply' ? amount.times(pair.price) : amount.dividedBy(pair.price);
  }
  const rate = roundRate(amount);
  if (rate.isZero())
    return { denom: pricing.denom, kind: 'abstain', reason: { kind: 'rateBelowPrecision', rate: amount } };
  return { denom: pricing.denom, kind: 'rate', rate };
}

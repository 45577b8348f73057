/**
 * Pools one pair across sources for one round. Each source counts once (its newest valid quote);
 * quotes stamped too far ahead or older than their source's max age are dropped; with at least
 * GATE_SOURCES_MIN live sources, quotes outside the deviation band around the median are gated; the
 * pooled price is the median of what remains, and only when at least `minSources` remain. A thin or
 * stale pair has no price: the denoms that need it abstain rather than vote a guess.
 */
import type { Decimal } from 'decimal.js';
import type { PriceQuote } from '../sources/price-source.js';
import { toPriceDecimal } from '../sources/price-decimal.js';
import { GATE_SOURCES_MIN, type Pair } from './aggregation-config.js';
import type { PairOutcome, QuoteReport, QuoteVerdict } from './aggregation-result.js';
import { median } from './median.js';

/** A source's quote for the pair, with the max age of the source that sent it. */
export interface PairCandidate {
  readonly source: string;
  readonly maxAgeMs: number;
  readonly quote: PriceQuote;
}

export interface PoolPairInput {
  readonly pair: Pair;
  readonly candidates: readonly PairCandidate[];
  readonly nowMs: number;
  readonly minSources: number;
  readonly deviationBandPct: Decimal;
  readonly futureSkewMsMax: number;
}

export interface PoolPairResult {
  readonly outcome: PairOutcome;
  readonly quotes: readonly QuoteReport[];
}

interface Live {
  readonly candidate: PairCandidate;
  readonly price: Decimal;
  readonly ageMs: number;
}

export function poolPair(input: PoolPairInput): PoolPairResult {
  const verdicts = new Map<PairCandidate, QuoteVerdict>();
  const newest = newestPerSource(input.candidates, verdicts);
  const live: Live[] = [];
  for (const candidate of newest) {
    const verdict = freshnessVerdict(candidate, input);
    if (verdict === undefined)
      live.push({ candidate, price: toPriceDecimal(candidate.quote.price), ageMs: ageMs(candidate, input) });
    else verdicts.set(candidate, verdict);
  }
  const kept = gate(live, input.deviationBandPct, verdicts);
  for (const entry of kept) verdicts.set(entry.candidate, { kind: 'used', ageMs: entry.ageMs });
  const quotes = input.candidates.map((candidate) => report(input.pair, candidate, verdicts));
  return { outcome: outcome(input, { newest, live, kept }), quotes };
}

/** One quote per source: the newest valid one (the later one in the list on a tie). */
function newestPerSource(
  candidates: readonly PairCandidate[],
  verdicts: Map<PairCandidate, QuoteVerdict>,
): PairCandidate[] {
  const bySource = new Map<string, PairCandidate>();
  for (const candidate of candidates) {
    const invalid = invalidDetail(candidate.quote);
    if (invalid !== undefined) {
      verdicts.set(candidate, { kind: 'invalid', detail: invalid });
      continue;
    }
    const earlier = bySource.get(candidate.source);
    if (earlier !== undefined && earlier.quote.timestampMs > candidate.quote.timestampMs) {
      verdicts.set(candidate, { kind: 'superseded', byTimestampMs: earlier.quote.timestampMs });
      continue;
    }
    if (earlier !== undefined)
      verdicts.set(earlier, { kind: 'superseded', byTimestampMs: candidate.quote.timestampMs });
    bySource.set(candidate.source, candidate);
  }
  return [...bySource.values()];
}

function invalidDetail(quote: PriceQuote): string | undefined {
  if (!Number.isSafeInteger(quote.timestampMs)) return `timestamp ${quote.timestampMs} is not an integer`;
  const price = toPriceDecimal(quote.price);
  if (!price.isFinite() || !price.greaterThan(0)) return `price ${price.toString()} is not positive`;
  return undefined;
}

function ageMs(candidate: PairCandidate, input: PoolPairInput): number {
  return input.nowMs - candidate.quote.timestampMs;
}

function freshnessVerdict(candidate: PairCandidate, input: PoolPairInput): QuoteVerdict | undefined {
  const age = ageMs(candidate, input);
  if (-age > input.futureSkewMsMax)
    return { kind: 'future', aheadMs: -age, futureSkewMsMax: input.futureSkewMsMax };
  if (age > candidate.maxAgeMs) return { kind: 'stale', ageMs: age, maxAgeMs: candidate.maxAgeMs };
  return undefined;
}

/** Drops quotes outside the band around the median; only with enough sources for a meaningful median. */
function gate(live: readonly Live[], bandPct: Decimal, verdicts: Map<PairCandidate, QuoteVerdict>): Live[] {
  if (live.length < GATE_SOURCES_MIN) return [...live];
  const center = median(live.map((entry) => entry.price));
  const kept: Live[] = [];
  for (const entry of live) {
    const deviationPct = entry.price.minus(center).abs().times(100).dividedBy(center);
    if (deviationPct.lessThanOrEqualTo(bandPct)) kept.push(entry);
    else
      verdicts.set(entry.candidate, {
        kind: 'gated',
        median: center,
        deviationPct,
        deviationBandPct: bandPct,
      });
  }
  return kept;
}

function outcome(
  input: PoolPairInput,
  stages: {
    readonly newest: readonly PairCandidate[];
    readonly live: readonly Live[];
    readonly kept: readonly Live[];
  },
): PairOutcome {
  const { pair } = input;
  if (stages.newest.length === 0) return { pair, kind: 'short', shortfall: { kind: 'missing' } };
  if (stages.live.length === 0)
    return { pair, kind: 'short', shortfall: { kind: 'stale', staleSources: stages.newest.length } };
  if (stages.kept.length < input.minSources)
    return {
      pair,
      kind: 'short',
      shortfall: {
        kind: 'thin',
        liveSources: stages.kept.length,
        gatedSources: stages.live.length - stages.kept.length,
        minSources: input.minSources,
      },
    };
  const sources = stages.kept.map((entry) => entry.candidate.source).sort(compareText);
  return { pair, kind: 'pooled', price: median(stages.kept.map((entry) => entry.price)), sources };
}

function report(
  pair: Pair,
  candidate: PairCandidate,
  verdicts: Map<PairCandidate, QuoteVerdict>,
): QuoteReport {
  const verdict = verdicts.get(candidate);
  if (verdict === undefined) throw new Error(`no verdict for ${candidate.source}'s quote: a bug in poolPair`);
  const { price, timestampMs } = candidate.quote;
  return { source: candidate.source, pair, price, timestampMs, verdict };
}

/** Code-unit order, so the same sources sort the same way in every locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * What one aggregation round decided, as plain values: a rate or an abstain per denom, the pooled
 * price per pair, and a verdict per source per quote. The voting loop votes the denoms; metrics and
 * log lines come from the pair and quote reports. All reasons are closed unions of named kinds.
 */
import type { Decimal } from 'decimal.js';
import type { Pair } from './aggregation-config.js';

/** What happened to one source's quote for a needed pair. */
export type QuoteVerdict =
  | { readonly kind: 'used'; readonly ageMs: number }
  | { readonly kind: 'stale'; readonly ageMs: number; readonly maxAgeMs: number }
  | { readonly kind: 'future'; readonly aheadMs: number; readonly futureSkewMsMax: number }
  | { readonly kind: 'invalid'; readonly detail: string }
  /** The source sent the pair more than once this round; only its newest quote counts. */
  | { readonly kind: 'superseded'; readonly byTimestampMs: number }
  | {
      readonly kind: 'gated';
      readonly median: Decimal;
      readonly deviationPct: Decimal;
      readonly deviationBandPct: Decimal;
    };

export interface QuoteReport {
  readonly source: string;
  readonly pair: Pair;
  readonly price: Decimal;
  readonly timestampMs: number;
  readonly verdict: QuoteVerdict;
}

/** A source as a whole this round. */
export type SourceReport =
  | { readonly source: string; readonly kind: 'answered'; readonly quoteCount: number }
  | { readonly source: string; readonly kind: 'failed'; readonly code: string; readonly message: string };

/** Why a pair has no pooled price this round. */
export type PairShortfall =
  /** No source quoted the pair at all (every source that carries it failed, or none carries it). */
  | { readonly kind: 'missing' }
  /** Quotes came, but every one was stale (or stamped in the future). */
  | { readonly kind: 'stale'; readonly staleSources: number }
  /** Fewer live sources than the minimum remained after staleness and the outlier gate. */
  | {
      readonly kind: 'thin';
      readonly liveSources: number;
      readonly gatedSources: number;
      readonly minSources: number;
    };

export type PairOutcome =
  | {
      readonly pair: Pair;
      readonly kind: 'pooled';
      readonly price: Decimal;
      /** The sources whose quotes made the median, sorted by name. */
      readonly sources: readonly string[];
    }
  | { readonly pair: Pair; readonly kind: 'fixed'; readonly price: Decimal; readonly note: string }
  | { readonly pair: Pair; readonly kind: 'short'; readonly shortfall: PairShortfall };

export type AbstainReason =
  /** A pair on the denom's chain has no pooled price. */
  | { readonly kind: 'pairShort'; readonly pair: Pair; readonly shortfall: PairShortfall }
  /** The converted rate is below the smallest sdk.Dec (1e-18): voting it would vote 0 anyway. */
  | { readonly kind: 'rateBelowPrecision'; readonly rate: Decimal };

export type DenomOutcome =
  | {
      readonly denom: string;
      readonly kind: 'rate';
      /** How many units of the denom one uluna buys (= asset per LUNA), rounded down to 18 decimals. */
      readonly rate: Decimal;
    }
  | { readonly denom: string; readonly kind: 'abstain'; readonly reason: AbstainReason };

export interface AggregationResult {
  /** In the configuration's denom order. */
  readonly denoms: readonly DenomOutcome[];
  /** Every pair some denom needs, in first-needed order. */
  readonly pairs: readonly PairOutcome[];
  readonly quotes: readonly QuoteReport[];
  readonly sources: readonly SourceReport[];
}

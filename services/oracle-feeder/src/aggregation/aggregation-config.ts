/**
 * How the feeder turns pooled pair prices into the oracle's exchange rates. Every denom names the
 * asset it is priced in and the explicit chain of legs that converts one LUNA into that asset, so a
 * stablecoin leg (USDT/USD) or an FX leg (USD/KRW) is always visible in the configuration, never an
 * implicit "USDT = 1".
 */

/** A traded pair: 1 `base` costs `price` `quote`. */
export interface Pair {
  readonly base: string;
  readonly quote: string;
}

/**
 * One conversion step. `multiply` on base/quote turns an amount of `base` into `quote`; `divide`
 * turns an amount of `quote` into `base`. A `market` leg is priced by the median of the sources'
 * quotes for the pair; a `fixed` leg is a configured constant and must say why (`note`).
 */
export type Leg =
  | { readonly kind: 'market'; readonly pair: Pair; readonly use: 'multiply' | 'divide' }
  | {
      readonly kind: 'fixed';
      readonly pair: Pair;
      readonly use: 'multiply' | 'divide';
      /** Decimal text, > 0. */
      readonly price: string;
      readonly note: string;
    };

/** The oracle's rate for `denom` is how many `asset` one LUNA buys, by following `legs` from LUNA. */
export interface DenomPricing {
  readonly denom: string;
  readonly asset: string;
  readonly legs: readonly Leg[];
}

/** Limits that may differ per pair (e.g. fewer FX providers than exchanges). */
export interface PairPolicy {
  /** At least this many live sources must remain after staleness and the outlier gate. */
  readonly minSources: number;
  /** Quotes further than this many percent from the pair's median are gated (only with >= 3 live sources). */
  readonly deviationBandPct: string;
}

export interface AggregationConfig {
  readonly denoms: readonly DenomPricing[];
  readonly defaultPolicy: PairPolicy;
  /** Per-pair overrides keyed by `pairKey(pair)`, e.g. 'USD/XDR'. */
  readonly pairPolicies?: Readonly<Record<string, PairPolicy>>;
  /** A quote stamped further in the future than this (clock skew, a bad source) is dropped. */
  readonly futureSkewMsMax: number;
}

/** The asset every denom's chain starts from: the oracle prices denoms per LUNA. */
export const LUNA_ASSET = 'LUNA';

/** The gate needs a median that is not one of two disagreeing quotes (DESIGN: only with >= 3 sources). */
export const GATE_SOURCES_MIN = 3;

export function pairKey(pair: Pair): string {
  return `${pair.base}/${pair.quote}`;
}

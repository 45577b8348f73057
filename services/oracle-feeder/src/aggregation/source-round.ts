/**
 * One source's answer for a round, as the aggregation takes it: its quotes, or the failure that made
 * it down for this round. `maxAgeMs` travels with the answer so staleness is judged per source.
 */
import type { PriceQuote } from '../sources/price-source.js';

export type SourceRound =
  | {
      readonly kind: 'quoted';
      readonly source: string;
      readonly maxAgeMs: number;
      readonly quotes: readonly PriceQuote[];
    }
  | {
      readonly kind: 'failed';
      readonly source: string;
      readonly error: { readonly code: string; readonly message: string };
    };

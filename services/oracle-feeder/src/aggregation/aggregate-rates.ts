/**
 * The feeder's price decision, pure and deterministic given its inputs: pool each needed pair across
 * the sources (staleness, outlier gate, minimum sources, median), then convert LUNA through the
 * configured legs into each denom's asset, abstaining whenever a leg is short.
 */
import type { AggregationConfig } from './aggregation-config.js';
import type { AggregationResult } from './aggregation-result.js';
import type { SourceRound } from './source-round.js';

export interface AggregateRatesInput {
  readonly rounds: readonly SourceRound[];
  /** The time quotes are aged against (ms since the epoch). */
  readonly nowMs: number;
  readonly config: AggregationConfig;
}

export function aggregateRates(input: AggregateRatesInput): AggregationResult {
  throw new Error(`aggregateRates is not implemented yet (${input.rounds.length} rounds)`);
}

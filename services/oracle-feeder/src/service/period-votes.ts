/**
 * From one aggregation round to what every validator of the process votes this period: a rate
 * for each whitelisted denom the aggregation priced, an abstain (0) for every other one. A denom
 * the aggregation priced but the whitelist does not hold is left out: the engine rejects a whole
 * vote that names a denom which is not a vote target.
 */
import * as dec from '@marketnode/dec';
import { Decimal } from 'decimal.js';
import type { AggregationResult, DenomOutcome } from '../aggregation/aggregation-result.js';
import { exchangeRatesText, type DenomVote } from '../voting/exchange-rates-text.js';
import type { PeriodRates } from '../voting/validator-voter.js';

export function periodVotes(options: {
  readonly period: bigint;
  readonly whitelist: readonly string[];
  readonly result: AggregationResult;
}): PeriodRates {
  const outcomes = new Map(options.result.denoms.map((outcome) => [outcome.denom, outcome]));
  const votes = new Map<string, DenomVote>();
  for (const denom of options.whitelist) votes.set(denom, voteOf(outcomes.get(denom)));
  return { period: options.period, votes, exchangeRatesText: exchangeRatesText(votes) };
}

function voteOf(outcome: DenomOutcome | undefined): DenomVote {
  if (outcome === undefined) return { abstain: 'no pricing configured for this denom' };
  if (outcome.kind === 'abstain') return { abstain: describeAbstain(outcome) };
  // The aggregation rounds down to 18 decimals; toFixed keeps them exactly (no float on the way).
  const rate = dec.parse(outcome.rate.toFixed(dec.PRECISION, Decimal.ROUND_DOWN));
  return rate > 0n ? { rate } : { abstain: 'rate below 10^-18' };
}

export function describeAbstain(outcome: Extract<DenomOutcome, { kind: 'abstain' }>): string {
  const reason = outcome.reason;
  if (reason.kind === 'rateBelowPrecision') return `rate ${reason.rate.toString()} below 10^-18`;
  const pair = `${reason.pair.base}/${reason.pair.quote}`;
  const shortfall = reason.shortfall;
  switch (shortfall.kind) {
    case 'missing':
      return `${pair}: no source quoted it`;
    case 'stale':
      return `${pair}: every quote stale (${shortfall.staleSources} sources)`;
    case 'thin':
      return (
        `${pair}: ${shortfall.liveSources} live sources (${shortfall.gatedSources} gated), ` +
        `${shortfall.minSources} needed`
      );
  }
}

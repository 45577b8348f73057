/**
 * The log lines of one price round: every failed source, every quote dropped (stale, gated,
 * invalid) and every abstain, each with what an operator needs to act; one line with the rates.
 */
import type { Logger } from 'pino';
import { pairKey } from '../aggregation/aggregation-config.js';
import type { AggregationResult } from '../aggregation/aggregation-result.js';
import type { PeriodRates } from '../voting/validator-voter.js';

export function logRound(logger: Logger, result: AggregationResult, rates: PeriodRates): void {
  for (const source of result.sources)
    if (source.kind === 'failed')
      logger.warn({ source: source.source, code: source.code }, `source down this round: ${source.message}`);
  for (const quote of result.quotes) {
    const fields = { source: quote.source, pair: pairKey(quote.pair), price: quote.price.toString() };
    const verdict = quote.verdict;
    if (verdict.kind === 'stale')
      logger.warn({ ...fields, ageMs: verdict.ageMs, maxAgeMs: verdict.maxAgeMs }, 'stale quote dropped');
    else if (verdict.kind === 'future')
      logger.warn({ ...fields, aheadMs: verdict.aheadMs }, 'quote stamped in the future dropped');
    else if (verdict.kind === 'gated')
      logger.warn(
        {
          ...fields,
          median: verdict.median.toString(),
          deviationPct: verdict.deviationPct.toString(),
          deviationBandPct: verdict.deviationBandPct.toString(),
        },
        'outlier quote gated',
      );
    else if (verdict.kind === 'invalid')
      logger.warn({ ...fields, detail: verdict.detail }, 'invalid quote dropped');
  }
  for (const [denom, vote] of rates.votes)
    if ('abstain' in vote) logger.warn({ denom, reason: vote.abstain }, 'abstaining (voting 0)');
  logger.info({ exchangeRates: rates.exchangeRatesText }, 'rates decided');
}

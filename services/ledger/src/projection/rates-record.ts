/**
 * The oracle's rates set by one tally (the last block of a vote period), as the projection keeps
 * them: the denoms that got a rate, the reference Terra, and the denoms that failed.
 */
import type { Dec } from '@marketnode/dec';
import type { ExchangeRatesTallied } from '@marketnode/events';

export interface RatesRecord {
  readonly height: bigint;
  readonly seq: bigint;
  readonly referenceTerra: string;
  readonly exchangeRates: ReadonlyArray<{ readonly denom: string; readonly exchangeRate: Dec }>;
  readonly rateFailures: ReadonlyArray<{ readonly denom: string; readonly reason: string }>;
}

export function ratesRecordOf(tally: ExchangeRatesTallied, seq: bigint): RatesRecord {
  return {
    height: tally.height,
    seq,
    referenceTerra: tally.referenceTerra,
    exchangeRates: tally.exchangeRates.map(({ denom, exchangeRate }) => ({ denom, exchangeRate })),
    rateFailures: tally.rateFailures.map(({ denom, reason }) => ({ denom, reason })),
  };
}

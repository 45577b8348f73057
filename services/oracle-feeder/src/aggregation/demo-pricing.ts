/**
 * How the demo genesis's whitelist is priced (uusd, ukrw, usdr, ubtc). LUNA trades against USDT, so
 * every chain starts LUNA/USDT then USDT/USD (the stablecoin leg, pooled like any market, never
 * assumed to be 1); fiat legs come from FX (SDR is the FX symbol XDR); BTC is divided out of USD.
 */
import type { DenomPricing, Leg, Pair } from './aggregation-config.js';

function times(base: string, quote: string): Leg {
  return { kind: 'market', pair: { base, quote }, use: 'multiply' };
}

function over(base: string, quote: string): Leg {
  return { kind: 'market', pair: { base, quote }, use: 'divide' };
}

const LUNA_IN_USD: readonly Leg[] = [times('LUNA', 'USDT'), times('USDT', 'USD')];

export const DEMO_DENOM_PRICING: readonly DenomPricing[] = [
  { denom: 'ubtc', asset: 'BTC', legs: [...LUNA_IN_USD, over('BTC', 'USD')] },
  { denom: 'ukrw', asset: 'KRW', legs: [...LUNA_IN_USD, times('USD', 'KRW')] },
  { denom: 'usdr', asset: 'XDR', legs: [...LUNA_IN_USD, times('USD', 'XDR')] },
  { denom: 'uusd', asset: 'USD', legs: LUNA_IN_USD },
];

/** Every market pair the demo pricing needs; a source set for the demo must quote these. */
export const DEMO_PAIRS: readonly Pair[] = [
  { base: 'LUNA', quote: 'USDT' },
  { base: 'USDT', quote: 'USD' },
  { base: 'USD', quote: 'KRW' },
  { base: 'USD', quote: 'XDR' },
  { base: 'BTC', quote: 'USD' },
];

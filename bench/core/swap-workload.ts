/**
 * The swap stream of the core benchmarks: seeded requests over five directions and 1,000 traders
 * against May-2022 parameters and rates, and a fresh market, oracle view and bank to run them on.
 * `bench:core` times it; `bench:alloc` counts the bytes it allocates.
 */
import { createBank, mint } from '@marketnode/bank';
import * as dec from '@marketnode/dec';
import { seededRandom } from '@marketnode/testkit';
import { createMarketState, type PriceView, type SwapContext, type SwapRequest } from '@marketnode/market';

export const REQUESTS_COUNT = 100_000;
export const TRADERS_COUNT = 1_000;
// May 2022 parameters and rates (classic-core.md §7): 50M SDR base pool, 36 blocks, 0.5% floor.
export const RATES = { usdr: '60', uusd: '80', ukrw: '95000', umnt: '230000' } as const;
export const TOBIN_TAXES = { usdr: '0.0025', uusd: '0.0025', ukrw: '0.0025', umnt: '0.02' } as const;
export const DIRECTIONS = [
  ['uusd', 'uluna'],
  ['uluna', 'uusd'],
  ['ukrw', 'uluna'],
  ['uluna', 'usdr'],
  ['uusd', 'ukrw'],
] as const;

export function makeRequests(count: number): SwapRequest[] {
  const random = seededRandom(20261121);
  return Array.from({ length: count }, (_, i) => {
    const [offerDenom, askDenom] = DIRECTIONS[i % DIRECTIONS.length] as (typeof DIRECTIONS)[number];
    const trader = `trader${Math.floor(random() * TRADERS_COUNT)}`;
    const amount = 1_000n + BigInt(Math.floor(random() * 1_000_000_000));
    return { trader, receiver: trader, offer: { denom: offerDenom, amount }, askDenom };
  });
}

export function freshMarket(): SwapContext {
  const market = createMarketState({
    basePool: dec.fromInt(50_000_000_000_000n),
    poolRecoveryPeriod: 36n,
    minStabilitySpread: dec.parse('0.005'),
    zeroSwapCoinCheck: true,
  });
  const prices: PriceView = {
    exchangeRates: new Map(Object.entries(RATES).map(([denom, rate]) => [denom, dec.parse(rate)])),
    tobinTaxes: new Map(Object.entries(TOBIN_TAXES).map(([denom, tax]) => [denom, dec.parse(tax)])),
  };
  const bank = createBank();
  for (let i = 0; i < TRADERS_COUNT; i += 1) {
    for (const denom of ['uluna', 'uusd', 'ukrw', 'usdr']) mint(bank, `trader${i}`, denom, 10n ** 30n);
  }
  return { market, prices, bank };
}

/**
 * `npm run bench:core`: swaps per second through the full market swap handler (pricing, fee, pool
 * update, burn, mint, payouts in the bank) on one core, beside the same swap math done with
 * decimal.js rounding to 18 places after each operation, as a ratio.
 *
 * Before timing anything it proves the two paths agree: the same request stream gives the same
 * swap coins, fee coins and pool delta, swap by swap.
 */
import { createBank, mint, type BankState } from '@marketnode/bank';
import * as dec from '@marketnode/dec';
import {
  createMarketState,
  executeSwap,
  type MarketState,
  type PriceView,
  type SwapRequest,
} from '@marketnode/market';
import { decimalOf, decimalSwap, type DecimalMarket } from './decimal-js-swap.js';

const REQUESTS_COUNT = 100_000;
const TRADERS_COUNT = 1_000;
const TIMED_SECONDS_MIN = 3;
const AGREEMENT_CHECKED_COUNT = 5_000;
const TARGET_SWAPS_PER_SECOND = 150_000;

// May 2022 parameters and rates (classic-core.md §7): 50M SDR base pool, 36 blocks, 0.5% floor.
const RATES = { usdr: '60', uusd: '80', ukrw: '95000', umnt: '230000' } as const;
const TOBIN_TAXES = { usdr: '0.0025', uusd: '0.0025', ukrw: '0.0025', umnt: '0.02' } as const;
const DIRECTIONS = [
  ['uusd', 'uluna'],
  ['uluna', 'uusd'],
  ['ukrw', 'uluna'],
  ['uluna', 'usdr'],
  ['uusd', 'ukrw'],
] as const;

/** A small deterministic generator (mulberry32), so every run times the same request stream. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeRequests(count: number): SwapRequest[] {
  const random = generator(20261121);
  return Array.from({ length: count }, (_, i) => {
    const [offerDenom, askDenom] = DIRECTIONS[i % DIRECTIONS.length] as (typeof DIRECTIONS)[number];
    const trader = `trader${Math.floor(random() * TRADERS_COUNT)}`;
    const amount = 1_000n + BigInt(Math.floor(random() * 1_000_000_000));
    return { trader, receiver: trader, offer: { denom: offerDenom, amount }, askDenom };
  });
}

function freshMarket(): { market: MarketState; prices: PriceView; bank: BankState } {
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

function freshDecimalMarket(): DecimalMarket {
  return {
    basePool: decimalOf('50000000000000'),
    minStabilitySpread: decimalOf('0.005'),
    terraPoolDelta: decimalOf(0n),
    rates: new Map(Object.entries(RATES).map(([denom, rate]) => [denom, decimalOf(rate)])),
    tobinTaxes: new Map(Object.entries(TOBIN_TAXES).map(([denom, tax]) => [denom, decimalOf(tax)])),
  };
}

/** Both paths on the same stream; the first difference is fatal. */
function proveAgreement(requests: readonly SwapRequest[]): void {
  const ctx = freshMarket();
  const model = freshDecimalMarket();
  for (const [index, request] of requests.slice(0, AGREEMENT_CHECKED_COUNT).entries()) {
    const result = executeSwap(ctx, request);
    const expected = decimalSwap(model, request.offer.amount, request.offer.denom, request.askDenom);
    const delta = dec.format(ctx.market.terraPoolDelta);
    const same =
      result.ok &&
      result.value.swapCoin.amount === expected.swapAmount &&
      result.value.feeCoin.amount === expected.feeAmount &&
      delta === expected.terraPoolDelta.toFixed(18);
    if (!same) {
      console.error(
        `bench:core: the paths disagree at swap ${index}: ${JSON.stringify(request, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`,
      );
      process.exit(1);
    }
  }
}

/** Runs `swap` over the stream in rounds until at least TIMED_SECONDS_MIN have passed. */
function swapsPerSecond(
  requests: readonly SwapRequest[],
  swap: (request: SwapRequest) => void,
  limit: number,
): number {
  const stream = requests.slice(0, limit);
  for (const request of stream.slice(0, 2_000)) swap(request); // warm up the JIT
  let done = 0;
  const start = process.hrtime.bigint();
  let elapsedNs = 0n;
  while (elapsedNs < BigInt(TIMED_SECONDS_MIN) * 1_000_000_000n) {
    for (const request of stream) swap(request);
    done += stream.length;
    elapsedNs = process.hrtime.bigint() - start;
  }
  return (done * 1e9) / Number(elapsedNs);
}

function main(): void {
  const requests = makeRequests(REQUESTS_COUNT);
  console.log(
    `bench:core: ${REQUESTS_COUNT} swap requests over ${DIRECTIONS.length} directions, ${TRADERS_COUNT} traders`,
  );
  proveAgreement(requests);
  console.log(
    `bench:core: bigint path and decimal.js path agree on the first ${AGREEMENT_CHECKED_COUNT} swaps`,
  );

  const ctx = freshMarket();
  const rejections = new Map<string, number>();
  const bigintRate = swapsPerSecond(
    requests,
    (request) => {
      const result = executeSwap(ctx, request);
      if (!result.ok) rejections.set(result.error.code, (rejections.get(result.error.code) ?? 0) + 1);
    },
    REQUESTS_COUNT,
  );
  const rejected = [...rejections].map(([code, count]) => `${count} ${code}`).join(', ') || 'none';
  const model = freshDecimalMarket();
  const decimalRate = swapsPerSecond(
    requests,
    (request) => void decimalSwap(model, request.offer.amount, request.offer.denom, request.askDenom),
    20_000,
  );
  const verdict = bigintRate >= TARGET_SWAPS_PER_SECOND ? 'meets' : 'MISSES';
  console.log(
    `market swap handler, bigint Dec : ${Math.round(bigintRate).toLocaleString('en')} swaps/s (rejected: ${rejected})`,
  );
  console.log(`same swap math, decimal.js      : ${Math.round(decimalRate).toLocaleString('en')} swaps/s`);
  console.log(`ratio bigint / decimal.js       : ${(bigintRate / decimalRate).toFixed(1)}x`);
  console.log(`target ${TARGET_SWAPS_PER_SECOND.toLocaleString('en')} swaps/s on one core: ${verdict}`);
}

main();

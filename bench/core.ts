/**
 * `npm run bench:core`: swaps per second through the full market swap handler (pricing, fee, pool
 * update, burn, mint, payouts in the bank) on one core, beside the same swap math done with
 * decimal.js rounding to 18 places after each operation, as a ratio.
 *
 * Before timing anything it proves the two paths agree: the same request stream gives the same
 * swap coins, fee coins and pool delta, swap by swap.
 */
import * as dec from '@marketnode/dec';
import { executeSwap, type SwapRequest } from '@marketnode/market';
import {
  DIRECTIONS,
  freshMarket,
  makeRequests,
  RATES,
  REQUESTS_COUNT,
  TOBIN_TAXES,
  TRADERS_COUNT,
} from './core/swap-workload.js';
import { decimalOf, decimalSwap, type DecimalMarket } from './decimal-js-swap.js';

const TIMED_SECONDS_MIN = 3;
const AGREEMENT_CHECKED_COUNT = 5_000;
const TARGET_SWAPS_PER_SECOND = 150_000;

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

/**
 * `ComputeSwap` (spec §3.3): what an offer is worth in the ask denom at oracle prices, and the
 * spread to charge on it.
 */
import * as dec from '@marketnode/dec';
import type { Coin, Dec, DecCoin } from '@marketnode/dec';
import { fail, ok, reject, REJECTIONS, type Result } from '@marketnode/errors';
import { InvalidDenomPanic, NegativeCoinAmountPanic } from './coin-panics.js';
import { LUNA_DENOM, SDR_DENOM } from './denoms.js';
import { internalSwapAmount } from './internal-swap.js';
import { virtualPools } from './pools.js';
import type { MarketState, PriceView } from './state.js';

/** The constant-product curve that priced a Terra<->Luna swap, all in usdr. */
export interface SwapCurve {
  readonly cp: Dec;
  readonly terraPool: Dec;
  readonly lunaPool: Dec;
  /** The constant-product output for the offer: `askPool − cp / (offerPool + base)`. */
  readonly askBaseUsdr: Dec;
  /** `(base − askBase) / base`, before the MinStabilitySpread floor. */
  readonly cpSpread: Dec;
}

export interface SwapPricing {
  /** The ask amount at the oracle rate (not the curve's output: the curve only sets the spread). */
  readonly ret: DecCoin;
  readonly spread: Dec;
  /** The offer valued in usdr. */
  readonly baseOfferUsdr: Dec;
  /** Present for Terra<->Luna only: the virtual constant-product curve that set the spread. */
  readonly curve?: SwapCurve;
}

/**
 * Prices `offer` in `askDenom`. Conversions always pass through usdr (two rounding steps).
 * Terra<->Terra pays the larger tobin tax of the two denoms; Terra<->Luna pays the constant-product
 * spread, floored at MinStabilitySpread and never clamped above.
 */
export function computeSwap(
  market: MarketState,
  prices: PriceView,
  offer: Coin,
  askDenom: string,
): Result<SwapPricing> {
  if (offer.denom === askDenom) return fail(reject(REJECTIONS.recursiveSwap, askDenom));
  // `NewDecCoinFromCoin` validates the coin and panics on a malformed denom or a negative amount.
  if (!dec.DENOM_PATTERN.test(offer.denom)) throw new InvalidDenomPanic('NewDecCoinFromCoin', offer.denom);
  if (offer.amount < 0n) throw new NegativeCoinAmountPanic('NewDecCoinFromCoin', offer.denom);
  const rates = prices.exchangeRates;
  const offerDec = { denom: offer.denom, amount: dec.fromScaled(offer.amount * dec.SCALE) };
  const baseOfferUsdr = internalSwapAmount(rates, offerDec, SDR_DENOM);
  if (typeof baseOfferUsdr !== 'bigint') return fail(baseOfferUsdr);
  const askAmount = internalSwapAmount(rates, { denom: SDR_DENOM, amount: baseOfferUsdr }, askDenom);
  if (typeof askAmount !== 'bigint') return fail(askAmount);
  const ret = { denom: askDenom, amount: askAmount };

  if (offer.denom !== LUNA_DENOM && askDenom !== LUNA_DENOM) {
    return terraToTerraPricing(prices.tobinTaxes, offer.denom, ret, baseOfferUsdr);
  }
  const curve = constantProductCurve(market, offer.denom !== LUNA_DENOM, baseOfferUsdr);
  const floor = market.params.minStabilitySpread;
  const spread = curve.cpSpread < floor ? floor : curve.cpSpread;
  return ok({ ret, spread, baseOfferUsdr, curve });
}

/** Terra<->Terra: the larger tobin tax of the two denoms (the offer's is looked up first); no pools. */
function terraToTerraPricing(
  tobinTaxes: ReadonlyMap<string, Dec>,
  offerDenom: string,
  ret: DecCoin,
  baseOfferUsdr: Dec,
): Result<SwapPricing> {
  const offerTobinTax = tobinTaxes.get(offerDenom);
  if (offerTobinTax === undefined) return fail(reject(REJECTIONS.noTobinTax, offerDenom));
  const askTobinTax = tobinTaxes.get(ret.denom);
  if (askTobinTax === undefined) return fail(reject(REJECTIONS.noTobinTax, ret.denom));
  const spread = askTobinTax > offerTobinTax ? askTobinTax : offerTobinTax;
  return ok({ ret, spread, baseOfferUsdr });
}

/** The constant-product output and spread for an offer worth `baseOfferUsdr`. */
function constantProductCurve(market: MarketState, offerIsTerra: boolean, baseOfferUsdr: Dec): SwapCurve {
  const { cp, terraPool, lunaPool } = virtualPools(market.params, market.terraPoolDelta);
  const offerPool = offerIsTerra ? terraPool : lunaPool;
  const askPool = offerIsTerra ? lunaPool : terraPool;
  const askBaseUsdr = dec.sub(askPool, dec.quo(cp, dec.add(offerPool, baseOfferUsdr)));
  const cpSpread = dec.quo(dec.sub(baseOfferUsdr, askBaseUsdr), baseOfferUsdr);
  return { cp, terraPool, lunaPool, askBaseUsdr, cpSpread };
}

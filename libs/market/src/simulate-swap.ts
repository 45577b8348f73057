/**
 * `simulateSwap`, behind the `Swap` query (spec §3.5 "Queries"): the coin a swap would pay out now,
 * with no side effect. Its error mapping differs from the handler's: any ComputeSwap failure is
 * wrapped as ErrPanic.
 */
import * as dec from '@marketnode/dec';
import type { Coin } from '@marketnode/dec';
import { fail, ok, reject, REJECTIONS, type Result } from '@marketnode/errors';
import { NegativeCoinAmountPanic } from './coin-panics.js';
import { computeSwap } from './compute-swap.js';
import type { MarketState, PriceView } from './state.js';
import { offerExceedsBitLen } from './validate-swap.js';

/** `⌊ret − spread·ret⌋`, equal to the `swapCoin` the handler would pay in the same state. */
export function simulateSwap(
  market: MarketState,
  prices: PriceView,
  offer: Coin,
  askDenom: string,
): Result<Coin> {
  if (offer.denom === askDenom) return fail(reject(REJECTIONS.recursiveSwap, askDenom));
  if (offerExceedsBitLen(offer)) return fail(reject(REJECTIONS.invalidCoins, dec.formatCoin(offer)));

  const priced = computeSwap(market, prices, offer, askDenom);
  if (!priced.ok) return fail(reject(REJECTIONS.panic, priced.error.message));
  const { ret, spread } = priced.value;

  let out = ret.amount;
  if (spread > dec.ZERO) {
    const fee = dec.mul(spread, ret.amount);
    if (fee > dec.ZERO) {
      // `DecCoin.Sub` panics on a negative result (a spread above 1).
      if (fee > out) throw new NegativeCoinAmountPanic('DecCoin.Sub', askDenom);
      out = dec.sub(out, fee);
    }
  }
  return ok({ denom: askDenom, amount: dec.truncateInt(out) });
}

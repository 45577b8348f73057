/**
 * The MsgSwap / MsgSwapSend handler (`handleSwapRequest`, spec §3.5 steps 1-8): burn the offer, mint
 * the output at the oracle rate less the spread, pay the receiver, and pay the fee to the oracle
 * reward pool. Everything is computed (and every check made) before anything is mutated, so a
 * rejection or a panic leaves the bank and the delta untouched.
 */
import * as dec from '@marketnode/dec';
import type { Coin, Dec } from '@marketnode/dec';
import { burn, checkSpendable, mint, MODULE_ACCOUNTS, type BankState } from '@marketnode/bank';
import { fail, ok, reject, REJECTIONS, type Result } from '@marketnode/errors';
import { deltaAfterSwap } from './apply-swap-to-pool.js';
import { NegativeCoinAmountPanic } from './coin-panics.js';
import { computeSwap, type SwapPricing } from './compute-swap.js';
import type { MarketState, PriceView } from './state.js';
import { checkOfferCoin } from './validate-swap.js';

export interface SwapContext {
  readonly market: MarketState;
  readonly prices: PriceView;
  readonly bank: BankState;
}

export interface SwapRequest {
  readonly trader: string;
  /** The trader itself for MsgSwap; `to_address` for MsgSwapSend. */
  readonly receiver: string;
  readonly offer: Coin;
  readonly askDenom: string;
}

/** Everything a forensic reader needs to explain a swap. */
export interface SwapOutcome {
  readonly trader: string;
  readonly receiver: string;
  readonly offer: Coin;
  readonly askDenom: string;
  readonly pricing: SwapPricing;
  /** `spread · ret` when the spread is positive, else zero. */
  readonly feeDec: Dec;
  /** `ret − fee`: what the pool delta is moved by. */
  readonly swapDecAfterFee: Dec;
  /** `⌊swapDecAfterFee⌋`, paid to the receiver. */
  readonly swapCoin: Coin;
  /** `⌊fee + fractional part of swapDecAfterFee⌋`, paid to the oracle reward pool. */
  readonly feeCoin: Coin;
  /** The sub-micro remainder destroyed by rounding: `ret − swapCoin − feeCoin`, in [0, 1). */
  readonly destroyedDec: Dec;
  readonly terraPoolDeltaBefore: Dec;
  readonly terraPoolDeltaAfter: Dec;
}

/**
 * Executes the swap, or rejects it without changing anything. A DecPanic (overflow, or a coin
 * constructor's panic) propagates, also without changing anything: the engine maps it to ErrPanic.
 */
export function executeSwap(ctx: SwapContext, msg: SwapRequest): Result<SwapOutcome> {
  const planned = planSwap(ctx, msg);
  if (planned.ok) commitSwap(ctx, planned.value);
  return planned;
}

/** Steps 1-7: every computation and check of the swap, in the reference's order; no mutation. */
export function planSwap(ctx: SwapContext, msg: SwapRequest): Result<SwapOutcome> {
  const { market, prices, bank } = ctx;
  const { trader, receiver, offer, askDenom } = msg;
  if (trader === '' || receiver === '') throw new Error('assertion failed: swap addresses must be validated');
  // ValidateBasic runs again in DeliverTx; the offer check is two comparisons, so repeat it here.
  const offerProblem = checkOfferCoin(offer);
  if (offerProblem !== undefined) return fail(offerProblem);

  const priced = computeSwap(market, prices, offer, askDenom);
  if (!priced.ok) return priced;
  const pricing = priced.value;
  const ret = pricing.ret.amount;
  const feeDec = pricing.spread > dec.ZERO ? dec.mul(pricing.spread, ret) : dec.ZERO;
  const swapDec = dec.sub(ret, feeDec);

  const terraPoolDeltaBefore = market.terraPoolDelta;
  const ask = { denom: askDenom, amount: swapDec };
  const terraPoolDeltaAfter = deltaAfterSwap(
    terraPoolDeltaBefore,
    prices.exchangeRates,
    offer,
    ask,
    pricing.baseOfferUsdr,
  );
  if (typeof terraPoolDeltaAfter !== 'bigint') return fail(terraPoolDeltaAfter);

  const insufficientFunds = checkSpendable(bank, trader, offer.denom, offer.amount);
  if (insufficientFunds !== undefined) return fail(insufficientFunds);

  // A spread above 1 would make the output negative; `TruncateDecimal` then panics in `NewCoin`.
  if (swapDec < dec.ZERO) throw new NegativeCoinAmountPanic('DecCoin.TruncateDecimal', askDenom);
  const swapAmount = dec.truncateInt(swapDec);
  if (market.params.zeroSwapCoinCheck && swapAmount <= 0n) return fail(reject(REJECTIONS.zeroSwapCoin));

  // The fractional part of the output goes to the fee; what is left below one micro unit is destroyed.
  const feeTotal = dec.add(feeDec, dec.fromScaled(swapDec - swapAmount * dec.SCALE));
  const feeAmount = dec.truncateInt(feeTotal);
  return ok({
    trader,
    receiver,
    offer,
    askDenom,
    pricing,
    feeDec,
    swapDecAfterFee: swapDec,
    swapCoin: { denom: askDenom, amount: swapAmount },
    feeCoin: { denom: askDenom, amount: feeAmount },
    destroyedDec: dec.fromScaled(feeTotal - feeAmount * dec.SCALE),
    terraPoolDeltaBefore,
    terraPoolDeltaAfter,
  });
}

/**
 * Step 8 and the delta update. The reference moves the offer to the market module and burns it
 * there, mints the output to the market module and sends it on; the market module's balance is the
 * same before and after, so burning from the trader and minting to the payees directly leaves the
 * same balances and supplies with half the bank operations.
 */
function commitSwap(ctx: SwapContext, outcome: SwapOutcome): void {
  const { bank, market } = ctx;
  burn(bank, outcome.trader, outcome.offer.denom, outcome.offer.amount);
  mint(bank, outcome.receiver, outcome.askDenom, outcome.swapCoin.amount);
  mint(bank, MODULE_ACCOUNTS.oracle, outcome.askDenom, outcome.feeCoin.amount);
  market.terraPoolDelta = outcome.terraPoolDeltaAfter;
}

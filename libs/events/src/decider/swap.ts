/**
 * Deciding a `Swap`: the reserve's UST <-> BTC pair goes to the reserve pool, every other pair to
 * the market. Both handlers check everything before they mutate, so a rejection changes nothing;
 * a reference panic (`DecPanic`) is thrown before any mutation too, and becomes `SDK_ERR_PANIC`,
 * as classic-core's transaction recovery turns a panic into `ErrPanic` and reverts.
 */
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';
import { reject, REJECTIONS, type Rejection } from '@marketnode/errors';
import { executeSwap, lunaExchangeRate, SDR_DENOM, validateSwap, type SwapMessage } from '@marketnode/market';
import { pricesOf, type NodeState } from '@marketnode/node-state';
import { executeReserveSwap, sideOfPair, type ReserveSide } from '@marketnode/reserve';
import type { Swap } from '../commands/commands.js';
import type { SwapEvent } from '../events/event.js';
import type { SwapRejected } from '../events/swap-events.js';

export function decideSwap(state: NodeState, command: Swap): SwapEvent {
  // ValidateBasic, which the reference runs before either handler (the reserve does not check
  // addresses itself).
  const basicProblem = validateSwap(swapMessageOf(command));
  if (basicProblem !== undefined) return swapRejected(command, basicProblem);
  const side = sideOfPair(state.reserve.params, command.offer.denom, command.askDenom);
  try {
    return side === undefined ? marketSwap(state, command) : reserveSwap(state, command, side);
  } catch (error) {
    if (error instanceof dec.DecPanic) return swapRejected(command, reject(REJECTIONS.panic, error.message));
    throw error;
  }
}

/** `MsgSwap` when the trader receives, `MsgSwapSend` otherwise (their address errors differ). */
function swapMessageOf(command: Swap): SwapMessage {
  const { trader, receiver, offer, askDenom } = command;
  return receiver === trader ? { trader, offer, askDenom } : { trader, receiver, offer, askDenom };
}

function swapRejected(command: Swap, rejection: Rejection): SwapRejected {
  return {
    type: 'SwapRejected',
    requestId: command.requestId,
    trader: command.trader,
    code: rejection.code,
    message: rejection.message,
  };
}

/** The rate a successful swap used: both of its denoms are priced, or it would have been rejected. */
function rateUsed(state: NodeState, denom: string): Dec {
  const rate = lunaExchangeRate(state.oracle.exchangeRates, denom);
  if (rate === undefined) throw new Error(`assertion failed: a swap succeeded without a rate for ${denom}`);
  return rate;
}

function marketSwap(state: NodeState, command: Swap): SwapEvent {
  const result = executeSwap({ market: state.market, prices: pricesOf(state), bank: state.bank }, command);
  if (!result.ok) return swapRejected(command, result.error);
  const outcome = result.value;
  return {
    type: 'SwapExecuted',
    requestId: command.requestId,
    trader: command.trader,
    receiver: command.receiver,
    venue: 'market',
    pool: 'market',
    offer: command.offer,
    askDenom: command.askDenom,
    offerRate: rateUsed(state, command.offer.denom),
    askRate: rateUsed(state, command.askDenom),
    offerValue: outcome.pricing.baseOfferUsdr,
    askAtOracleRate: outcome.pricing.ret.amount,
    spread: outcome.pricing.spread,
    fee: outcome.feeDec,
    swapCoin: outcome.swapCoin,
    feeCoin: outcome.feeCoin,
    destroyedDust: outcome.destroyedDec,
    poolDeltaDenom: SDR_DENOM,
    poolDeltaBefore: outcome.terraPoolDeltaBefore,
    poolDeltaAfter: outcome.terraPoolDeltaAfter,
  };
}

function reserveSwap(state: NodeState, command: Swap, side: ReserveSide): SwapEvent {
  const { reserve } = state;
  const poolDeltaBefore = side === 'exit' ? reserve.exitDeltaUst : reserve.entryDeltaUst;
  const context = { reserve, rates: state.oracle.exchangeRates, bank: state.bank };
  const result = executeReserveSwap(context, command);
  if (!result.ok) return swapRejected(command, result.error);
  const { quote, deltaAfterUst } = result.value;
  return {
    type: 'SwapExecuted',
    requestId: command.requestId,
    trader: command.trader,
    receiver: command.receiver,
    venue: 'reserve',
    pool: side === 'exit' ? 'reserveExit' : 'reserveEntry',
    offer: command.offer,
    askDenom: command.askDenom,
    offerRate: rateUsed(state, command.offer.denom),
    askRate: rateUsed(state, command.askDenom),
    offerValue: quote.offerValueUst,
    askAtOracleRate: quote.askAtOracleRate,
    spread: quote.spread,
    fee: quote.feeDec,
    swapCoin: quote.swapCoin,
    feeCoin: quote.feeCoin,
    // The reserve pays from inventory and keeps the fee coin and the dust: nothing is destroyed.
    destroyedDust: dec.ZERO,
    poolDeltaDenom: reserve.params.ustDenom,
    poolDeltaBefore,
    poolDeltaAfter: deltaAfterUst,
  };
}

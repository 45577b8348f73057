/**
 * What a reserve swap asks for, and the checks that need no price: the market's `ValidateBasic`
 * coin rules (`classic-core.md` §3.5), the recursive-swap rule, and the reserve's single pair.
 */
import * as dec from '@marketnode/dec';
import { formatCoin, type Coin } from '@marketnode/dec';
import { REJECTIONS, fail, ok, reject, type Result } from '@marketnode/errors';
import type { ReserveParams } from '../params/params.js';
import { sideOfPair, type ReserveSide } from './side.js';

export interface ReserveSwapRequest {
  readonly offer: Coin;
  readonly askDenom: string;
}

/** The market's bound on an offer's size (`MsgSwap.ValidateBasic`). */
export const OFFER_BIT_LEN_MAX = 100;

/** The side the request uses, or the rejection the market would give first. */
export function validateSwapRequest(params: ReserveParams, request: ReserveSwapRequest): Result<ReserveSide> {
  const { offer, askDenom } = request;
  if (offer.amount <= 0n || dec.bitLen(offer.amount) > OFFER_BIT_LEN_MAX) {
    return fail(reject(REJECTIONS.invalidCoins, formatCoin(offer)));
  }
  if (offer.denom === askDenom) return fail(reject(REJECTIONS.recursiveSwap, askDenom));
  const side = sideOfPair(params, offer.denom, askDenom);
  if (side === undefined) {
    const context = `${offer.denom} -> ${askDenom}, reserve pair ${params.ustDenom} <-> ${params.btcDenom}`;
    return fail(reject(REJECTIONS.unsupportedPair, context));
  }
  return ok(side);
}

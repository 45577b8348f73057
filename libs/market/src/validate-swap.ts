/**
 * `MsgSwap.ValidateBasic` / `MsgSwapSend.ValidateBasic` (spec §3.5), with the reference's exact
 * messages. Identities come from the transport, so an address is valid when it is not empty.
 */
import * as dec from '@marketnode/dec';
import type { Coin } from '@marketnode/dec';
import { reject, REJECTIONS, type Rejection } from '@marketnode/errors';

/** An offer amount may have at most this many bits (`BitLen() > 100` is rejected). */
export const OFFER_AMOUNT_BIT_LEN_MAX = 100;
/** The smallest amount with more than `OFFER_AMOUNT_BIT_LEN_MAX` bits: compared, not measured, on the swap path. */
const OFFER_AMOUNT_LIMIT = 1n << BigInt(OFFER_AMOUNT_BIT_LEN_MAX);

/** Go's `AccAddressFromBech32("")` error text. */
const EMPTY_ADDRESS = 'empty address string is not allowed';

export interface SwapMessage {
  readonly trader: string;
  /** Set for MsgSwapSend (its `to_address`); absent for MsgSwap, which pays the trader. */
  readonly receiver?: string;
  readonly offer: Coin;
  readonly askDenom: string;
}

/** The first rule `msg` breaks, or undefined. */
export function validateSwap(msg: SwapMessage): Rejection | undefined {
  if (msg.receiver === undefined) {
    if (msg.trader === '')
      return reject(REJECTIONS.invalidAddress, `Invalid trader address (${EMPTY_ADDRESS})`);
  } else {
    if (msg.trader === '')
      return reject(REJECTIONS.invalidAddress, `Invalid from address (${EMPTY_ADDRESS})`);
    if (msg.receiver === '')
      return reject(REJECTIONS.invalidAddress, `Invalid to address (${EMPTY_ADDRESS})`);
  }
  return checkOfferCoin(msg.offer) ?? checkNotRecursive(msg.offer.denom, msg.askDenom);
}

/** A positive amount of at most 100 bits, else ErrInvalidCoins naming the coin. */
export function checkOfferCoin(offer: Coin): Rejection | undefined {
  if (offer.amount > 0n && offer.amount < OFFER_AMOUNT_LIMIT) return undefined;
  return reject(REJECTIONS.invalidCoins, dec.formatCoin(offer));
}

/** `offer.BitLen() > 100` for any sign, as `simulateSwap` checks it (its offers are never negative). */
export function offerExceedsBitLen(offer: Coin): boolean {
  return offer.amount >= OFFER_AMOUNT_LIMIT || -offer.amount >= OFFER_AMOUNT_LIMIT;
}

function checkNotRecursive(offerDenom: string, askDenom: string): Rejection | undefined {
  return offerDenom === askDenom ? reject(REJECTIONS.recursiveSwap, askDenom) : undefined;
}

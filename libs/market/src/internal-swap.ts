/**
 * `ComputeInternalSwap` (spec §3.2): the oracle conversion between two denoms, with no spread.
 */
import * as dec from '@marketnode/dec';
import type { Dec, DecCoin } from '@marketnode/dec';
import { fail, ok, reject, REJECTIONS, type Rejection, type Result } from '@marketnode/errors';
import { LUNA_DENOM } from './denoms.js';

/** `GetLunaExchangeRate`: uluna is always exactly 1; any other denom needs a stored rate. */
export function lunaExchangeRate(rates: ReadonlyMap<string, Dec>, denom: string): Dec | undefined {
  return denom === LUNA_DENOM ? dec.ONE : rates.get(denom);
}

/**
 * The converted amount, or the rejection. A bare Dec (a bigint) or a Rejection (an object), so the
 * swap path allocates no Result per conversion.
 */
export function internalSwapAmount(
  rates: ReadonlyMap<string, Dec>,
  offer: { readonly denom: string; readonly amount: Dec },
  askDenom: string,
): Dec | Rejection {
  // The identity branch skips the rate lookups and the positivity check, as the reference does.
  if (offer.denom === askDenom) return offer.amount;
  const offerRate = lunaExchangeRate(rates, offer.denom);
  if (offerRate === undefined) return reject(REJECTIONS.noEffectivePrice, offer.denom);
  const askRate = lunaExchangeRate(rates, askDenom);
  if (askRate === undefined) return reject(REJECTIONS.noEffectivePrice, askDenom);
  const askAmount = dec.quo(dec.mul(offer.amount, askRate), offerRate);
  if (askAmount <= dec.ZERO) return reject(REJECTIONS.invalidCoins, dec.formatDecCoin(offer));
  return askAmount;
}

/** `ComputeInternalSwap(offer, askDenom)`: `offer · askRate / offerRate`, in `askDenom`. */
export function computeInternalSwap(
  rates: ReadonlyMap<string, Dec>,
  offer: DecCoin,
  askDenom: string,
): Result<DecCoin> {
  const amount = internalSwapAmount(rates, offer, askDenom);
  if (typeof amount !== 'bigint') return fail(amount);
  return ok(offer.denom === askDenom ? offer : { denom: askDenom, amount });
}

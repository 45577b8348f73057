/**
 * `ApplySwapToPool` (spec §3.4): how a swap moves the Terra pool delta.
 */
import * as dec from '@marketnode/dec';
import type { Coin, Dec, DecCoin } from '@marketnode/dec';
import { fail, ok, type Rejection, type Result } from '@marketnode/errors';
import { LUNA_DENOM, SDR_DENOM } from './denoms.js';
import { internalSwapAmount } from './internal-swap.js';
import type { MarketState } from './state.js';

/**
 * The delta after a swap of `offer` that paid `ask` (the POST-fee amount, before truncation).
 * Terra->Luna adds the offer's usdr value; Luna->Terra subtracts the ask's usdr value; Terra<->Terra
 * leaves it alone without looking up any rate. Does not mutate.
 */
export function applySwapToPool(
  market: MarketState,
  rates: ReadonlyMap<string, Dec>,
  offer: Coin,
  ask: DecCoin,
): Result<Dec> {
  const delta = deltaAfterSwap(market.terraPoolDelta, rates, offer, ask);
  return typeof delta === 'bigint' ? ok(delta) : fail(delta);
}

/**
 * The same without the Result wrapper, for the swap path. `baseOfferUsdr` may pass the offer's usdr
 * value when the caller already has it (it is the same conversion, so the same value).
 */
export function deltaAfterSwap(
  terraPoolDelta: Dec,
  rates: ReadonlyMap<string, Dec>,
  offer: Coin,
  ask: DecCoin,
  baseOfferUsdr?: Dec,
): Dec | Rejection {
  const offerIsLuna = offer.denom === LUNA_DENOM;
  const askIsLuna = ask.denom === LUNA_DENOM;
  if (offerIsLuna === askIsLuna) return terraPoolDelta;
  if (askIsLuna) {
    const offerUsdr =
      baseOfferUsdr ??
      internalSwapAmount(
        rates,
        { denom: offer.denom, amount: dec.fromScaled(offer.amount * dec.SCALE) },
        SDR_DENOM,
      );
    return typeof offerUsdr === 'bigint' ? dec.add(terraPoolDelta, offerUsdr) : offerUsdr;
  }
  // A zero post-fee ask in a denom other than usdr is rejected here (ErrInvalidCoins), which is how
  // the v0.5.20 100% spread disables Luna->Terra swaps to anything but SDR.
  const askUsdr = internalSwapAmount(rates, ask, SDR_DENOM);
  return typeof askUsdr === 'bigint' ? dec.sub(terraPoolDelta, askUsdr) : askUsdr;
}

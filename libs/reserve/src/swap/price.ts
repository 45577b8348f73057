/**
 * Pricing one reserve swap: the market's `ComputeSwap` and fee split with UST in place of SDR as
 * the unit of account and the side's own curve and delta (`reserve-pool.md` "Pricing").
 */
import * as dec from '@marketnode/dec';
import type { Coin, Dec } from '@marketnode/dec';
import { REJECTIONS, fail, ok, reject, type Result } from '@marketnode/errors';
import { convertAtOracle, type ExchangeRates } from '../pricing/oracle-value.js';
import { curveSpread } from '../pricing/curve.js';
import { splitSwapFee } from '../pricing/swap-fee.js';
import type { ReserveState } from '../state.js';
import { SIDE_DIRECTION, sideParams, type ReserveSide } from './side.js';

export interface ReserveSwapQuote {
  readonly side: ReserveSide;
  readonly offer: Coin;
  readonly askDenom: string;
  /** The offer valued in uusd at the oracle rate (`base`). */
  readonly offerValueUst: Dec;
  /** The ask at the oracle rate, before any spread (`ret`); the amount the swap is valued at. */
  readonly askAtOracleRate: Dec;
  /** The side curve's constant-product output in uusd; it only sets the spread. */
  readonly askBaseUst: Dec;
  readonly cpSpread: Dec;
  /** `max(cpSpread, minSpread)` of the side. */
  readonly spread: Dec;
  readonly feeDec: Dec;
  /** Post-fee ask before truncation. */
  readonly swapDec: Dec;
  /** Paid by the reserve to the receiver. */
  readonly swapCoin: Coin;
  /** Kept by the reserve: the fee plus the truncation dust, whole units. */
  readonly feeCoin: Coin;
  /** Signed change of the side's delta: + offer value (exit), − post-fee ask value (entry). */
  readonly deltaChangeUst: Dec;
}

export interface PriceRequest {
  readonly reserve: ReserveState;
  readonly rates: ExchangeRates;
  readonly side: ReserveSide;
  readonly offer: Coin;
  readonly askDenom: string;
}

export function priceReserveSwap(request: PriceRequest): Result<ReserveSwapQuote> {
  const { reserve, rates, side, offer, askDenom } = request;
  const ustDenom = reserve.params.ustDenom;
  const offerDec = dec.fromScaled(offer.amount * dec.SCALE);
  const base = convertAtOracle(rates, { amount: offerDec, fromDenom: offer.denom, toDenom: ustDenom });
  if (!base.ok) return base;
  const ret = convertAtOracle(rates, { amount: base.value, fromDenom: ustDenom, toDenom: askDenom });
  if (!ret.ok) return ret;
  const curve = sideParams(reserve.params, side);
  const { askBase, cpSpread, spread } = curveSpread({
    basePool: curve.basePool,
    delta: side === 'exit' ? reserve.exitDeltaUst : reserve.entryDeltaUst,
    direction: SIDE_DIRECTION[side],
    base: base.value,
    minSpread: curve.minSpread,
  });
  const split = splitSwapFee(ret.value, spread);
  // The reserve is new, so it takes the market's later rule unconditionally: a swap that would pay
  // nothing is refused rather than taking the offer for nothing.
  if (split.swapAmount <= 0n) return fail(reject(REJECTIONS.zeroSwapCoin));
  return ok({
    side,
    offer,
    askDenom,
    offerValueUst: base.value,
    askAtOracleRate: ret.value,
    askBaseUst: askBase,
    cpSpread,
    spread,
    feeDec: split.feeDec,
    swapDec: split.swapDec,
    swapCoin: { denom: askDenom, amount: split.swapAmount },
    feeCoin: { denom: askDenom, amount: split.feeAmount },
    // Entry asks for UST, so re-valuing the post-fee ask in UST is the identity (no rate lookup).
    deltaChangeUst: side === 'exit' ? base.value : dec.neg(split.swapDec),
  });
}

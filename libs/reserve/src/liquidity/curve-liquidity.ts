/**
 * Liquidity of one virtual constant-product curve, for any parameter set: a reserve side, or the
 * LUNA <> UST market's single curve (pass its BasePool, PRP and MinSpread). Values are in the
 * curve's unit of account (uusd for the reserve, usdr for the market), measured on the stable leg
 * of the trades, which is what moves the delta: the stable offered for `stableIn` (exit,
 * Terra -> Luna), the stable paid out for `stableOut` (entry, Luna -> Terra).
 *
 * * Instant: the largest single trade whose own spread is ≤ s at the current delta. From the
 *   constant-product spread, cp(x) ≤ s  ⇔  x ≤ askPool / (1 − s) − offerPool (both directions).
 * * Sustained: arbitrage holds the delta at `heldDelta`, where the marginal spread (the spread of
 *   an infinitesimal trade) equals s. Each block's end block regresses it by
 *   `heldDelta.QuoInt64(PRP)` and the next block's trades push exactly that back, so the flow per
 *   block is that regression. The delta is the same at the start of every block, so iterating the
 *   exact Dec regression block by block gives the same amount each block: the window's flow is
 *   that amount times the number of blocks, exactly (a test iterates the end block to prove it).
 *   Marginal spread: stableIn 1 − B²/T², so T = B / √(1 − s); stableOut 1 − T²/B², so T = B·√(1 − s).
 *
 * A level below MinSpread cannot be reached by any trade, so every figure is then zero.
 */
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';
import { BLOCKS_PER_DAY, BLOCKS_PER_HOUR, type ReserveSideParams } from '../params/params.js';
import { curvePools, type CurveDirection } from '../pricing/curve.js';
import { sqrtTruncate } from '../pricing/dec-sqrt.js';

export interface CurveLiquidityRequest {
  readonly curve: ReserveSideParams;
  readonly direction: CurveDirection;
  /** The curve's current delta (signed, as stored). */
  readonly delta: Dec;
  /** The spread level s, in [0, 1). */
  readonly spread: Dec;
  readonly blocksPerHour?: bigint;
  readonly blocksPerDay?: bigint;
}

export interface CurveLiquidity {
  readonly spread: Dec;
  /** Largest single trade at a spread ≤ s, stable leg. */
  readonly instantValue: Dec;
  /** The delta at which the marginal spread is s (≥ 0 for stableIn, ≤ 0 for stableOut). */
  readonly heldDelta: Dec;
  /** |heldDelta.QuoInt64(PRP)|: what arbitrage pushes through per block at the held delta. */
  readonly perBlockValue: Dec;
  readonly sustainedPerHourValue: Dec;
  readonly sustainedPerDayValue: Dec;
}

/** Throws a RangeError for a level outside [0, 1): a query validated at the edge. */
export function assertSpreadLevel(spread: Dec): void {
  if (spread < dec.ZERO || spread >= dec.ONE) {
    throw new RangeError(`spread level must be in [0, 1), got ${dec.format(spread)}`);
  }
}

export function curveLiquidity(request: CurveLiquidityRequest): CurveLiquidity {
  assertSpreadLevel(request.spread);
  const { curve, spread } = request;
  const blocksPerHour = request.blocksPerHour ?? BLOCKS_PER_HOUR;
  const blocksPerDay = request.blocksPerDay ?? BLOCKS_PER_DAY;
  const heldDelta = heldDeltaAtSpread(curve.basePool, spread, request.direction);
  if (spread < curve.minSpread) {
    const none = dec.ZERO;
    return {
      spread,
      instantValue: none,
      heldDelta,
      perBlockValue: none,
      sustainedPerHourValue: none,
      sustainedPerDayValue: none,
    };
  }
  const perBlockValue = dec.abs(dec.quoInt(heldDelta, curve.poolRecoveryPeriod));
  return {
    spread,
    instantValue: instantStableValue(request),
    heldDelta,
    perBlockValue,
    sustainedPerHourValue: dec.mulInt(perBlockValue, blocksPerHour),
    sustainedPerDayValue: dec.mulInt(perBlockValue, blocksPerDay),
  };
}

/** The delta at which an infinitesimal trade's constant-product spread equals `spread`. */
export function heldDeltaAtSpread(basePool: Dec, spread: Dec, direction: CurveDirection): Dec {
  const root = sqrtTruncate(dec.sub(dec.ONE, spread));
  const stablePool = direction === 'stableIn' ? dec.quo(basePool, root) : dec.mul(basePool, root);
  return dec.sub(stablePool, basePool);
}

/**
 * The largest offer (valued in the curve's unit) whose constant-product spread is ≤ s at `delta`:
 * askPool / (1 − s) − offerPool, floored at 0.
 */
export function largestOfferAtSpread(request: {
  readonly basePool: Dec;
  readonly delta: Dec;
  readonly direction: CurveDirection;
  readonly spread: Dec;
}): Dec {
  const { offerPool, askPool } = curvePools(request.basePool, request.delta, request.direction);
  const offer = dec.sub(dec.quo(askPool, dec.sub(dec.ONE, request.spread)), offerPool);
  return offer > dec.ZERO ? offer : dec.ZERO;
}

function instantStableValue(request: CurveLiquidityRequest): Dec {
  const offer = largestOfferAtSpread({
    basePool: request.curve.basePool,
    delta: request.delta,
    direction: request.direction,
    spread: request.spread,
  });
  if (request.direction === 'stableIn') return offer;
  // Entry: the stable leg is the payout, the offer less the spread charged on it.
  return dec.sub(offer, dec.mul(request.spread, offer));
}

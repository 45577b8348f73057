/**
 * The virtual constant-product curve of one side (`classic-core.md` §3.3 step 5, `reserve-pool.md`
 * "Pricing"). The curve never pays anything itself: it only sets the spread charged on a swap valued
 * at the oracle price. Duplicates the market's Terra <-> Luna spread step.
 *
 * `stableIn` is the market's Terra -> Luna (the reserve's exit: UST in, BTC out): the offer goes into
 * the stable pool. `stableOut` is Luna -> Terra (the reserve's entry: BTC in, UST out).
 */
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';

export type CurveDirection = 'stableIn' | 'stableOut';

export interface CurvePools {
  /** BasePool²: the curve's invariant. */
  readonly cp: Dec;
  /** The pool the offer goes into. */
  readonly offerPool: Dec;
  /** The pool the ask comes out of. */
  readonly askPool: Dec;
}

export interface CurveSpread {
  /** The constant-product output, valued in the pool's unit. */
  readonly askBase: Dec;
  /** `(base − askBase) / base`, before the MinSpread floor; negative when the delta favours the trade. */
  readonly cpSpread: Dec;
  /** `max(cpSpread, minSpread)`: no upper clamp. */
  readonly spread: Dec;
}

/** PoolStable = BasePool + delta, PoolOther = BasePool² / PoolStable, oriented by the direction. */
export function curvePools(basePool: Dec, delta: Dec, direction: CurveDirection): CurvePools {
  const cp = dec.mul(basePool, basePool);
  const stablePool = dec.add(basePool, delta);
  const otherPool = dec.quo(cp, stablePool);
  return direction === 'stableIn'
    ? { cp, offerPool: stablePool, askPool: otherPool }
    : { cp, offerPool: otherPool, askPool: stablePool };
}

export interface CurveSpreadRequest {
  readonly basePool: Dec;
  readonly delta: Dec;
  readonly direction: CurveDirection;
  /** The offer valued in the pool's unit; > 0. */
  readonly base: Dec;
  readonly minSpread: Dec;
}

export function curveSpread(request: CurveSpreadRequest): CurveSpread {
  const { cp, offerPool, askPool } = curvePools(request.basePool, request.delta, request.direction);
  const askBase = dec.sub(askPool, dec.quo(cp, dec.add(offerPool, request.base)));
  const cpSpread = dec.quo(dec.sub(request.base, askBase), request.base);
  const spread = cpSpread < request.minSpread ? request.minSpread : cpSpread;
  return { askBase, cpSpread, spread };
}

/**
 * The virtual constant-product pools (spec §3.1), all valued in usdr. They are derived from the
 * params and the delta on every Terra<->Luna swap; only the delta is stored.
 */
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';
import type { MarketParams } from './params.js';

export interface VirtualPools {
  /** `BasePool²`: the constant product. */
  readonly cp: Dec;
  /** `BasePool + delta`. */
  readonly terraPool: Dec;
  /** `cp / terraPool`: the Luna pool, valued in usdr. */
  readonly lunaPool: Dec;
}

/**
 * The pools for `delta`. Throws a DecPanic (division by zero) when the Terra pool is zero, e.g.
 * `BasePool = 0` with a zero delta, as the reference panics.
 */
export function virtualPools(params: MarketParams, terraPoolDelta: Dec): VirtualPools {
  const cp = constantProduct(params.basePool);
  const terraPool = dec.add(params.basePool, terraPoolDelta);
  return { cp, terraPool, lunaPool: dec.quo(cp, terraPool) };
}

/** The last `BasePool²` computed: the base pool changes only with the params, and every swap needs it. */
let lastConstantProduct: { readonly basePool: Dec; readonly cp: Dec } | undefined;

/** `BasePool²`, remembered for the last base pool (the same value in, the same value out). */
function constantProduct(basePool: Dec): Dec {
  if (lastConstantProduct?.basePool !== basePool)
    lastConstantProduct = { basePool, cp: dec.mul(basePool, basePool) };
  return lastConstantProduct.cp;
}

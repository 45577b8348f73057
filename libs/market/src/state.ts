/**
 * The market's state (spec §3.1): its params and the Terra pool delta, plus the view of the oracle
 * the market reads prices from.
 */
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';
import { validateMarketParams, type MarketParams } from './params.js';

export interface MarketState {
  /** Replaced whole by governance or a fork (v0.5.20 sets MinStabilitySpread to 1). */
  params: MarketParams;
  /** `TerraPoolDelta`, in usdr: how far the Terra pool is from `basePool`. Mutated by swaps and replenishment. */
  terraPoolDelta: Dec;
}

/** Asserts the params are valid (validate them at the edge with `validateMarketParams` first). */
export function createMarketState(params: MarketParams, terraPoolDelta: Dec = dec.ZERO): MarketState {
  const problems = validateMarketParams(params);
  if (problems.length > 0) throw new RangeError(`invalid market params: ${problems.join('; ')}`);
  return { params, terraPoolDelta };
}

/**
 * What the oracle provides to the market: the stored rates (amount of the denom per 1 uluna; uluna
 * itself is implicitly 1 and never stored) and the tobin taxes of the current vote targets.
 */
export interface PriceView {
  readonly exchangeRates: ReadonlyMap<string, Dec>;
  readonly tobinTaxes: ReadonlyMap<string, Dec>;
}

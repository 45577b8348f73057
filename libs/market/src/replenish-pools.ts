/**
 * The market's EndBlocker, `ReplenishPools` (spec §3.6): the delta decays toward zero every block.
 */
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';
import type { MarketState } from './state.js';

/**
 * `delta -= delta.QuoInt64(PRP)`, truncated toward zero, so the delta never crosses zero. Mutates
 * the delta; returns the regression amount that was subtracted.
 *
 * The reference converts the `uint64` period with `int64(...)`, so a period of 2^63 or more wraps to
 * a negative divisor and the delta grows instead; reproduced, since validation allows such periods.
 */
export function replenishPools(market: MarketState): Dec {
  const divisor = BigInt.asIntN(64, market.params.poolRecoveryPeriod);
  const regression = dec.quoInt(market.terraPoolDelta, divisor);
  market.terraPoolDelta = dec.sub(market.terraPoolDelta, regression);
  return regression;
}

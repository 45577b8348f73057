export { LUNA_DENOM, SDR_DENOM, MICRO_UNIT } from './denoms.js';
export {
  type MarketParams,
  DEFAULT_MARKET_PARAMS,
  POOL_RECOVERY_PERIOD_MAX,
  validateMarketParams,
} from './params.js';
export { type MarketState, type PriceView, createMarketState } from './state.js';
export { type VirtualPools, virtualPools } from './pools.js';
export { lunaExchangeRate, computeInternalSwap } from './internal-swap.js';
export { type SwapCurve, type SwapPricing, computeSwap } from './compute-swap.js';
export { applySwapToPool } from './apply-swap-to-pool.js';
export { type SwapMessage, OFFER_AMOUNT_BIT_LEN_MAX, validateSwap } from './validate-swap.js';
export {
  type SwapContext,
  type SwapRequest,
  type SwapOutcome,
  executeSwap,
  planSwap,
} from './execute-swap.js';
export { simulateSwap } from './simulate-swap.js';
export { replenishPools } from './replenish-pools.js';
export { InvalidDenomPanic, NegativeCoinAmountPanic } from './coin-panics.js';

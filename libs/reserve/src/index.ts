/**
 * `@marketnode/reserve`: the asymmetric BTC reserve pool (`reserve-pool.md`). Pure functions over
 * the reserve's state and the bank; the engine's single writer calls them.
 */
export * from './params/params.js';
export * from './params/presets.js';
export * from './state.js';
export { convertAtOracle, type ExchangeRates, type OracleConversion } from './pricing/oracle-value.js';
export {
  curvePools,
  curveSpread,
  type CurveDirection,
  type CurvePools,
  type CurveSpread,
  type CurveSpreadRequest,
} from './pricing/curve.js';
export { splitSwapFee, type SwapFeeSplit } from './pricing/swap-fee.js';
export { integerSqrt, sqrtTruncate } from './pricing/dec-sqrt.js';
export { SIDE_DIRECTION, sideOfPair, sideParams, type ReserveSide } from './swap/side.js';
export { OFFER_BIT_LEN_MAX, validateSwapRequest, type ReserveSwapRequest } from './swap/swap-request.js';
export { priceReserveSwap, type PriceRequest, type ReserveSwapQuote } from './swap/price.js';
export { checkInventory, reserveInventory } from './swap/inventory.js';
export { quoteReserveSwap, type ReserveContext } from './swap/quote.js';
export { executeReserveSwap, type ReserveSwapCommand, type ReserveSwapOutcome } from './swap/execute.js';
export { checkDailyCap, dailyCapBtc, dailyCapLeftBtc, rollDayWindow } from './daily-cap.js';
export { poolRegression, reserveEndBlock, type ReserveEndBlockResult } from './end-block.js';
export {
  assertSpreadLevel,
  curveLiquidity,
  heldDeltaAtSpread,
  largestOfferAtSpread,
  type CurveLiquidity,
  type CurveLiquidityRequest,
} from './liquidity/curve-liquidity.js';
export {
  liquidityReport,
  type LiquidityFigure,
  type LiquidityLimit,
  type ReserveLiquidityReport,
  type ReserveLiquidityRequest,
  type SidesFigure,
} from './liquidity/reserve-liquidity.js';

/**
 * What a swap decided. `SwapExecuted` carries everything a forensic reader needs to explain the
 * swap without replaying it: who, what was offered and paid, at which oracle rates, the spread and
 * fee, the rounding dust, and how the pool's delta moved.
 */
import type { Coin, Dec } from '@marketnode/dec';

export type SwapVenue = 'market' | 'reserve';
/** The delta a swap moved: the market's Terra pool delta, or one side of the reserve. */
export type SwapPool = 'market' | 'reserveEntry' | 'reserveExit';

export interface SwapExecuted {
  readonly type: 'SwapExecuted';
  readonly requestId: string;
  readonly trader: string;
  readonly receiver: string;
  readonly venue: SwapVenue;
  readonly pool: SwapPool;
  readonly offer: Coin;
  readonly askDenom: string;
  /** The oracle's rate of the offer denom (amount per uluna; exactly 1 for uluna). */
  readonly offerRate: Dec;
  /** The oracle's rate of the ask denom. */
  readonly askRate: Dec;
  /** The offer valued in `poolDeltaDenom` (usdr for the market, the reserve's UST denom for the reserve). */
  readonly offerValue: Dec;
  /** The ask at the oracle rate, before the spread. */
  readonly askAtOracleRate: Dec;
  readonly spread: Dec;
  /** `spread · askAtOracleRate` (0 when the spread is not positive). */
  readonly fee: Dec;
  /** Paid to the receiver. */
  readonly swapCoin: Coin;
  /** Market: paid to the oracle reward pool. Reserve: kept by the reserve. */
  readonly feeCoin: Coin;
  /** The sub-micro remainder the market destroys by rounding; 0 for the reserve, which mints nothing. */
  readonly destroyedDust: Dec;
  readonly poolDeltaDenom: string;
  readonly poolDeltaBefore: Dec;
  readonly poolDeltaAfter: Dec;
}

/** A swap that changed nothing: a business rejection, or a reference panic (`SDK_ERR_PANIC`). */
export interface SwapRejected {
  readonly type: 'SwapRejected';
  readonly requestId: string;
  readonly trader: string;
  readonly code: string;
  readonly message: string;
}

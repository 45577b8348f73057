/**
 * The daily redemption cap: a hard limit on BTC paid out per day window, a fraction of the BTC the
 * reserve held when the window started. It bounds what an oracle bug can drain. Swaps that would
 * cross it are rejected whole, never partially filled.
 */
import * as dec from '@marketnode/dec';
import { reject, type Rejection, REJECTIONS } from '@marketnode/errors';
import type { ReserveState } from './state.js';

/** ⌊fraction · BTC inventory at the start of the day window⌋, in the BTC denom. */
export function dailyCapBtc(state: ReserveState): bigint {
  return dec.truncateInt(dec.mulInt(state.params.dailyRedemptionCapFraction, state.dayCapBaseBtc));
}

/** What exit swaps may still pay out in the current day window (0 once the cap is used up). */
export function dailyCapLeftBtc(state: ReserveState): bigint {
  const left = dailyCapBtc(state) - state.redeemedTodayBtc;
  return left > 0n ? left : 0n;
}

/** `RESERVE_ERR_DAILY_CAP_REACHED` when paying `payoutBtc` now would cross today's cap. */
export function checkDailyCap(state: ReserveState, payoutBtc: bigint): Rejection | undefined {
  const capBtc = dailyCapBtc(state);
  if (state.redeemedTodayBtc + payoutBtc <= capBtc) return undefined;
  const denom = state.params.btcDenom;
  const context =
    `daily redemption cap ${capBtc}${denom}, paid today ${state.redeemedTodayBtc}${denom}, ` +
    `left today ${dailyCapLeftBtc(state)}${denom}, swap pays ${payoutBtc}${denom}`;
  return reject(REJECTIONS.dailyCapReached, context);
}

/**
 * Starts a new day window when the next block belongs to a window other than the current one: at
 * heights where (h + 1) % blocksPerDay == 0 in a run of consecutive blocks. Comparing window
 * indexes, rather than testing the remainder alone, keeps the window right if blocksPerDay is
 * changed by governance. Returns whether the window rolled.
 */
export function rollDayWindow(
  state: ReserveState,
  update: { height: bigint; inventoryBtc: bigint },
): boolean {
  const nextDayIndex = (update.height + 1n) / state.params.blocksPerDay;
  if (nextDayIndex === state.dayIndex) return false;
  state.dayIndex = nextDayIndex;
  state.dayCapBaseBtc = update.inventoryBtc;
  state.redeemedTodayBtc = 0n;
  return true;
}

/**
 * The reserve's own state. The coins it holds live in the bank (account `MODULE_ACCOUNTS.reserve`);
 * this is what the bank does not know: the two side deltas and the day window of the redemption cap.
 * Mutated in place by `executeReserveSwap` and `reserveEndBlock` only.
 */
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';
import type { ReserveParams } from './params/params.js';

export interface ReserveState {
  /** Replaced whole by governance; never mutated field by field. */
  params: ReserveParams;
  /** TerraDelta_EntryFlow in uusd: ≤ 0 from swaps (entry pays UST out), regressed toward 0. */
  entryDeltaUst: Dec;
  /** TerraDelta_ExitFlow in uusd: ≥ 0 from swaps (exit takes UST in), regressed toward 0. */
  exitDeltaUst: Dec;
  /** k of the current day window, blocks [k·blocksPerDay, (k+1)·blocksPerDay). */
  dayIndex: bigint;
  /** The reserve's BTC inventory when the current day window started: the cap's base. */
  dayCapBaseBtc: bigint;
  /** BTC paid out by exit swaps in the current day window. */
  redeemedTodayBtc: bigint;
}

export interface CreateReserveStateOptions {
  /** BTC the reserve holds when the state starts (the first day's cap base). Default 0: no exit that day. */
  readonly inventoryBtc?: bigint;
  /** First height the state applies to; sets the current day window. Default 0. */
  readonly startHeight?: bigint;
  readonly entryDeltaUst?: Dec;
  readonly exitDeltaUst?: Dec;
}

export function createReserveState(
  params: ReserveParams,
  options: CreateReserveStateOptions = {},
): ReserveState {
  return {
    params,
    entryDeltaUst: options.entryDeltaUst ?? dec.ZERO,
    exitDeltaUst: options.exitDeltaUst ?? dec.ZERO,
    dayIndex: (options.startHeight ?? 0n) / params.blocksPerDay,
    dayCapBaseBtc: options.inventoryBtc ?? 0n,
    redeemedTodayBtc: 0n,
  };
}

/** A copy that shares nothing mutable with `state`, for simulations and tests. */
export function cloneReserveState(state: ReserveState): ReserveState {
  return { ...state };
}

/** The first height of the current day window. */
export function dayStartHeight(state: ReserveState): bigint {
  return state.dayIndex * state.params.blocksPerDay;
}

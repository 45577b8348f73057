/**
 * The reserve's end block, run after every swap of the block (like the market's `ReplenishPools`,
 * `classic-core.md` §3.6 and §5): each side's delta regresses toward zero by its own recovery
 * period, separately, and the day window of the redemption cap rolls over when the next block
 * starts a new day.
 */
import type { BankState } from '@marketnode/bank';
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';
import { rollDayWindow } from './daily-cap.js';
import type { ReserveState } from './state.js';
import { reserveInventory } from './swap/inventory.js';

export interface ReserveEndBlockResult {
  readonly entryRegressionUst: Dec;
  readonly exitRegressionUst: Dec;
  /** True when this block was the last of a day window: the cap base was re-read from inventory. */
  readonly dayRolled: boolean;
}

/** `delta.QuoInt64(PRP)`: truncated toward zero, so the delta never overshoots zero. */
export function poolRegression(delta: Dec, poolRecoveryPeriod: bigint): Dec {
  return dec.quoInt(delta, poolRecoveryPeriod);
}

export function reserveEndBlock(
  reserve: ReserveState,
  block: { readonly height: bigint; readonly bank: BankState },
): ReserveEndBlockResult {
  const { entry, exit, btcDenom } = reserve.params;
  const entryRegressionUst = poolRegression(reserve.entryDeltaUst, entry.poolRecoveryPeriod);
  const exitRegressionUst = poolRegression(reserve.exitDeltaUst, exit.poolRecoveryPeriod);
  reserve.entryDeltaUst = dec.sub(reserve.entryDeltaUst, entryRegressionUst);
  reserve.exitDeltaUst = dec.sub(reserve.exitDeltaUst, exitRegressionUst);
  const dayRolled = rollDayWindow(reserve, {
    height: block.height,
    inventoryBtc: reserveInventory(block.bank, btcDenom),
  });
  return { entryRegressionUst, exitRegressionUst, dayRolled };
}

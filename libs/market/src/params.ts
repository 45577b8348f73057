/**
 * The market's parameters (spec §3.1) and their validation, worded as the reference's
 * `Params.Validate` so an operator recognises the message.
 */
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';
import { MICRO_UNIT } from './denoms.js';

export interface MarketParams {
  /** The equilibrium size of each virtual pool, in usdr. */
  readonly basePool: Dec;
  /** Blocks over which the pool delta decays back to zero (`uint64` in the reference, > 0). */
  readonly poolRecoveryPeriod: bigint;
  /** The floor of the spread charged on Terra<->Luna swaps, in [0, 1]. */
  readonly minStabilitySpread: Dec;
  /** v0.5.20 and later: a swap whose output truncates to zero fails with ErrZeroSwapCoin. */
  readonly zeroSwapCoinCheck: boolean;
}

/** `BlocksPerDay` at 6 s blocks. */
const BLOCKS_PER_DAY = 14_400n;
/** The reference stores the recovery period as a Go `uint64`. */
export const POOL_RECOVERY_PERIOD_MAX = (1n << 64n) - 1n;

/** The code defaults of v0.5.18: 1,000,000 SDR, one day, 2%, no zero-output check. */
export const DEFAULT_MARKET_PARAMS: MarketParams = Object.freeze({
  basePool: dec.fromInt(1_000_000n * MICRO_UNIT),
  poolRecoveryPeriod: BLOCKS_PER_DAY,
  minStabilitySpread: dec.fromIntWithPrec(2, 2),
  zeroSwapCoinCheck: false,
});

/** Every problem with `p`, in the reference's words; empty when the params are valid. */
export function validateMarketParams(p: MarketParams): string[] {
  const problems: string[] = [];
  if (p.basePool < dec.ZERO) {
    problems.push(`mint base pool should be positive or zero, is ${dec.format(p.basePool)}`);
  }
  if (p.poolRecoveryPeriod <= 0n) {
    problems.push(`pool recovery period should be positive, is ${p.poolRecoveryPeriod}`);
  }
  if (p.poolRecoveryPeriod > POOL_RECOVERY_PERIOD_MAX) {
    problems.push(`pool recovery period should fit in a uint64, is ${p.poolRecoveryPeriod}`);
  }
  if (p.minStabilitySpread < dec.ZERO || p.minStabilitySpread > dec.ONE) {
    problems.push(
      `market minimum stability spead should be a value between [0,1], is ${dec.format(p.minStabilitySpread)}`,
    );
  }
  return problems;
}

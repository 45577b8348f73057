/**
 * Splitting an oracle-rate amount into what the trader receives and the fee, exactly as the
 * market's swap handler (`classic-core.md` §3.5 steps 2, 3, 6, 7). Duplicates the market's split.
 *
 * `swapAmount + feeAmount` is exactly `⌊ret⌋`. The reserve pays `swapAmount` out of inventory;
 * the fee coin is simply not paid, so it stays in the reserve (nothing is minted to fund it).
 */
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';

export interface SwapFeeSplit {
  /** `spread · ret` when the spread is positive, else 0. */
  readonly feeDec: Dec;
  /** `ret − fee`: the post-fee ask before truncation (what moves an entry delta). */
  readonly swapDec: Dec;
  /** `⌊swapDec⌋`: paid to the receiver. */
  readonly swapAmount: bigint;
  /** `⌊fee + (swapDec − ⌊swapDec⌋)⌋`: the fee coin, dust included. */
  readonly feeAmount: bigint;
}

export function splitSwapFee(ret: Dec, spread: Dec): SwapFeeSplit {
  const feeDec = spread > dec.ZERO ? dec.mul(spread, ret) : dec.ZERO;
  const swapDec = dec.sub(ret, feeDec);
  const swapAmount = dec.truncateInt(swapDec);
  const dust = dec.fromScaled(swapDec - swapAmount * dec.SCALE);
  const feeAmount = dec.truncateInt(dec.add(feeDec, dust));
  return { feeDec, swapDec, swapAmount, feeAmount };
}

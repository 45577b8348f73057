/**
 * Square root of a Dec, truncated at 18 decimals. The dec lib has none; the liquidity report needs
 * it for the delta at which the marginal spread reaches a level. Integer Newton iteration: exact
 * and deterministic, no floating point.
 */
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';

/** ⌊√n⌋ for n ≥ 0. */
export function integerSqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError(`square root of a negative number: ${n}`);
  if (n < 2n) return n;
  // Start above the root (2^⌈bits/2⌉) so the iteration decreases monotonically to ⌊√n⌋.
  let x = 1n << BigInt(Math.ceil(dec.bitLen(n) / 2));
  for (;;) {
    const next = (x + n / x) >> 1n;
    if (next >= x) return x;
    x = next;
  }
}

/** √a truncated at 18 decimals: ⌊√(a.i · 10^18)⌋ as the scaled integer. */
export function sqrtTruncate(a: Dec): Dec {
  return dec.fromScaled(integerSqrt(a * dec.SCALE));
}

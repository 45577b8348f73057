/**
 * Block heights: lists of them in the inputs, and the period boundaries found by asking the real
 * `isPeriodLastBlock`, so that no adapter restates the timing formula.
 */
import { isPeriodLastBlock } from '@marketnode/oracle';
import { InputError, integer, list } from '../../inputs.js';
import type { JsonObject } from '../../vector-file.js';

/** A list of non-negative integers (heights), in the order given. */
export function heightList(inputs: JsonObject, key: string): bigint[] {
  return list(inputs, key).map((value, index) => {
    const name = `${key}[${index}]`;
    const height = integer({ [name]: value }, name);
    if (height < 0n) throw new InputError(`input "${name}" must be a height, not negative`);
    return height;
  });
}

/**
 * The first height ≥ `from` that ends a period of `period` blocks. Any `period` consecutive
 * heights hold one, so the search stops there; finding none is a broken timing function.
 */
export function nextPeriodLastBlock(from: bigint, period: bigint): bigint {
  for (let height = from; height < from + period; height += 1n) {
    if (isPeriodLastBlock(height, period)) return height;
  }
  throw new Error(`assertion failed: no period of ${period} blocks ends in [${from}, ${from + period})`);
}

/** The first height of the period of `period` blocks that holds `height` (searched back ≤ `period`). */
export function periodFirstBlock(height: bigint, period: bigint): bigint {
  let first = height;
  while (first > 0n && !isPeriodLastBlock(first - 1n, period)) {
    first -= 1n;
    if (height - first >= period) throw new Error(`assertion failed: a period longer than ${period} blocks`);
  }
  return first;
}

/**
 * Seeded property tests. Every property run uses the seed from `PROPERTY_SEED` when set, else a fixed
 * default, so a run is reproducible; fast-check prints the seed and the counterexample path when a
 * property fails, and `PROPERTY_SEED=<seed>` replays it.
 */
import type { Parameters } from 'fast-check';

export const DEFAULT_PROPERTY_SEED = 20261121;

export function propertySeed(): number {
  const text = process.env['PROPERTY_SEED'];
  if (text === undefined || text === '') return DEFAULT_PROPERTY_SEED;
  const seed = Number(text);
  if (!Number.isSafeInteger(seed)) throw new Error(`PROPERTY_SEED must be an integer, got "${text}"`);
  return seed;
}

/** Options for `fc.assert`: the seed, the run count, and verbose counterexamples. */
export function propertyOptions<T>(numRuns = 500): Parameters<T> {
  return { seed: propertySeed(), numRuns, verbose: 1 };
}
export { seededRandom } from './seeded-random.js';

/** Resolves once `condition()` holds, checking every few milliseconds; throws naming `what` after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * A tiny counter-based pseudo-random generator: the value for (seed, stream, index) is a pure hash,
 * so any process computes the same number for the same inputs without sharing state, and any step
 * can be computed without the ones before it. 32-bit integer mixing only (Math.imul, shifts): the
 * same bits on every platform, never Math.random.
 */

/** splitmix32's finaliser: a bijective avalanche of one 32-bit word. */
function mix32(value: number): number {
  let z = value | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Hashes a list of 32-bit words into one, order-sensitively. */
export function hashWords(words: readonly number[]): number {
  let state = 0x9e3779b9;
  for (const word of words) state = mix32((state ^ mix32(word >>> 0)) + 0x9e3779b9);
  return state;
}

/** FNV-1a over the UTF-16 code units of a text: names an asset or a feeder as a 32-bit stream id. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1)
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  return hash;
}

/** A uniform number in [0, 1) for (seed, stream, index, draw); 32 bits of resolution. */
export function uniformAt(options: {
  readonly seed: number;
  readonly stream: number;
  readonly index: bigint;
  readonly draw: number;
}): number {
  const indexLow = Number(options.index & 0xffffffffn);
  const indexHigh = Number((options.index >> 32n) & 0xffffffffn);
  return hashWords([options.seed, options.stream, indexLow, indexHigh, options.draw]) / 2 ** 32;
}

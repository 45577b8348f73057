/**
 * mulberry32: a small seeded generator of numbers in [0, 1) for tests and benchmarks that choose
 * things (orders, amounts, kill times) outside fast-check. The same seed gives the same sequence,
 * so a run that prints its seed can be replayed.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

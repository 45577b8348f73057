/**
 * Block timing of the vote periods (spec §1, §4.3).
 */

/** `IsPeriodLastBlock`: `(height + 1) mod period == 0`. Tallies run at the end of such heights. */
export function isPeriodLastBlock(height: bigint, period: bigint): boolean {
  return (height + 1n) % period === 0n;
}

/**
 * The reveal rule: a vote at `height` reveals a prevote from the previous vote period, i.e.
 * `⌊height/VP⌋ − ⌊submitBlock/VP⌋ == 1`. (The reference evaluates it in uint64; a negative
 * difference would wrap to a huge number, which is not 1 either.)
 */
export function isRevealPeriod(options: {
  height: bigint;
  submitBlock: bigint;
  votePeriod: bigint;
}): boolean {
  return options.height / options.votePeriod - options.submitBlock / options.votePeriod === 1n;
}

/**
 * Miss counting (spec §4.4 step 7, §4.11): one miss per vote period for each claim that did not
 * win every remaining vote target (a target nobody voted for makes everyone miss; a failed ballot
 * was removed from the targets first, so nobody misses for it).
 */
import { compareStrings } from '@marketnode/staking';
import type { OracleState } from '../state.js';
import type { ClaimMap } from '../tally/claims.js';

/** Increments the miss counters; returns the operators that missed, sorted. */
export function countMisses(
  oracle: OracleState,
  options: { claims: ClaimMap; voteTargetCount: number },
): string[] {
  const targetCount = BigInt(options.voteTargetCount);
  const missed: string[] = [];
  for (const [operator, claim] of options.claims) {
    if (claim.winCount === targetCount) continue;
    oracle.missCounters.set(operator, (oracle.missCounters.get(operator) ?? 0n) + 1n);
    missed.push(operator);
  }
  return missed.sort(compareStrings);
}

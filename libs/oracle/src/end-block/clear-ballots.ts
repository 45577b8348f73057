/**
 * `ClearBallots` (spec §4.4 step 9): every vote goes; a prevote goes only once it is older than one
 * vote period, so prevotes of the current period survive for next period's reveal.
 */
import type { OracleState } from '../state.js';

export function clearBallots(oracle: OracleState, height: bigint): void {
  const votePeriod = oracle.params.votePeriod;
  for (const [voter, prevote] of [...oracle.prevotes]) {
    if (height > prevote.submitBlock + votePeriod) oracle.prevotes.delete(voter);
  }
  oracle.votes.clear();
}

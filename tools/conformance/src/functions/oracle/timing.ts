/**
 * Adapters for vote-period timing: when the end block tallies, and the heights around one prevote
 * (when it may be revealed, which tally uses it, which blocks its rates serve, when it expires),
 * each found by running the real functions over heights, never by restating their formulas.
 */
import {
  clearBallots,
  DEFAULT_ORACLE_PARAMS,
  isPeriodLastBlock,
  isRevealPeriod,
  oracleEndBlock,
} from '@marketnode/oracle';
import type { Actual } from '../../compare.js';
import type { ActualRecord, FunctionTable } from '../../function-table.js';
import { integer } from '../../inputs.js';
import type { JsonObject } from '../../vector-file.js';
import { ballotsAt } from './clear-ballots.js';
import { scenarioFromInputs, storeVotes, votesInput } from './fixture.js';
import { heightList, nextPeriodLastBlock } from './heights.js';
import { ABCI_FIXTURE_PARAMS, oracleParams } from './params.js';
import { storedRates } from './report.js';

/**
 * The votes are stored once, then the end block runs at each of `end_block_heights` in order:
 * `tally_ran_at_height.H` and `exchange_rates_after_height_H` (the store after that block).
 */
function endBlockTimingCase(inputs: JsonObject): ActualRecord {
  const params = oracleParams(inputs, ABCI_FIXTURE_PARAMS);
  const context = scenarioFromInputs(inputs, params);
  storeVotes(context.oracle, votesInput(inputs));
  const talliedAt: { [height: string]: Actual } = {};
  const actual: ActualRecord = { tally_ran_at_height: talliedAt };
  for (const height of heightList(inputs, 'end_block_heights')) {
    talliedAt[height.toString()] = oracleEndBlock(context, height).tallied;
    actual[`exchange_rates_after_height_${height}`] = storedRates(context.oracle);
  }
  return actual;
}

/** Heights in `[from, to)` that satisfy `test`, ascending. */
function heightsWhere(from: bigint, to: bigint, test: (height: bigint) => boolean): bigint[] {
  const found: bigint[] = [];
  for (let height = from; height < to; height += 1n) if (test(height)) found.push(height);
  return found;
}

/**
 * Search bounds: any `VP` consecutive heights hold one period-last block, and a prevote can only be
 * revealed in the vote period right after its own, so everything asked about a prevote at `P`
 * happens below `P + 3·VP`; the searches over the future stop there and throw rather than guess.
 * The counts over the past run from height 0 (the chain's first block).
 */
function revealRuleCase(inputs: JsonObject): ActualRecord {
  const votePeriod = oracleParams(inputs, DEFAULT_ORACLE_PARAMS).votePeriod;
  const submitBlock = integer(inputs, 'prevote_height');
  const bound = submitBlock + 3n * votePeriod;
  const isTally = (height: bigint) => isPeriodLastBlock(height, votePeriod);
  const validVoteHeights = heightsWhere(submitBlock, bound, (height) =>
    isRevealPeriod({ height, submitBlock, votePeriod }),
  );
  const firstVote = validVoteHeights[0];
  if (firstVote === undefined) throw new Error(`assertion failed: no reveal height below ${bound}`);
  const usingTally = nextPeriodLastBlock(firstVote, votePeriod);
  if (validVoteHeights.some((height) => height > usingTally)) {
    throw new Error('assertion failed: the reveal heights span two tallies');
  }
  const nextTally = nextPeriodLastBlock(usingTally + 1n, votePeriod);
  return {
    prevote_period_index: BigInt(heightsWhere(0n, submitBlock, isTally).length),
    valid_vote_heights: validVoteHeights,
    tally_heights: heightsWhere(0n, nextTally + 1n, isTally),
    tally_that_uses_the_vote: usingTally,
    // A tally's rates are read by the transactions of the blocks up to the next tally's end block.
    rates_from_that_tally_usable_by_txs_at_heights: heightsWhere(usingTally + 1n, nextTally + 1n, () => true),
    prevote_deleted_by_ClearBallots_at_tally_height_if_not_revealed: expiryTally(inputs, submitBlock, bound),
  };
}

/** The first tally whose `ClearBallots` deletes an unrevealed prevote made at `submitBlock`. */
function expiryTally(inputs: JsonObject, submitBlock: bigint, bound: bigint): bigint {
  const { oracle } = ballotsAt(inputs, submitBlock);
  for (let height = submitBlock; height < bound; height += 1n) {
    if (!isPeriodLastBlock(height, oracle.params.votePeriod)) continue;
    clearBallots(oracle, height);
    if (oracle.prevotes.size === 0) return height;
  }
  throw new Error(`assertion failed: the prevote outlived every tally below ${bound}`);
}

export const TIMING_FUNCTIONS: FunctionTable = {
  'EndBlocker (IsPeriodLastBlock)': endBlockTimingCase,
  'IsPeriodLastBlock / reveal rule': revealRuleCase,
};

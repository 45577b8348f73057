/**
 * Adapter for `ClearBallots`: what is left of the fixture's prevotes and votes after each call.
 */
import * as dec from '@marketnode/dec';
import {
  aggregateVoteHash,
  clearBallots,
  DEFAULT_ORACLE_PARAMS,
  submitPrevote,
  type OracleEndBlockContext,
} from '@marketnode/oracle';
import type { Actual } from '../../compare.js';
import type { ActualRecord, FunctionTable } from '../../function-table.js';
import { InputError, integer } from '../../inputs.js';
import type { JsonObject } from '../../vector-file.js';
import { accountOf, createScenario, storeVotes, validatorTokens, voteTargets } from './fixture.js';
import { heightList } from './heights.js';
import { oracleParams } from './params.js';

/**
 * `ballot_test.go`'s state at `prevote_submit_block`: every validator of the fixture has a vote and
 * a prevote. The prevotes go through the real handler at that height. The votes are stored as a
 * reveal stores them: a real reveal at that height would need a prevote from the period before,
 * which does not exist for a block in the first period (the upstream test writes both directly).
 */
export function ballotsAt(inputs: JsonObject, submitBlock: bigint): OracleEndBlockContext {
  const params = oracleParams(inputs, DEFAULT_ORACLE_PARAMS);
  const tokens = validatorTokens(inputs);
  const targets = voteTargets(inputs, params);
  const context = createScenario({ params, tokens, voteTargets: targets });
  const exchangeRatesText = targets.map((denom) => `1.000000000000000000${denom}`).join(',');
  for (const validator of tokens.keys()) {
    const hash = aggregateVoteHash({ salt: '1', exchangeRatesText, voter: validator });
    const committed = submitPrevote(context, { feeder: accountOf(validator), validator, hash }, submitBlock);
    if (!committed.ok) throw new InputError(`the fixture's prevote was rejected: ${committed.error.message}`);
  }
  const exchangeRates = targets.map((denom) => ({ denom, exchangeRate: dec.ONE }));
  storeVotes(context.oracle, new Map([...tokens.keys()].map((validator) => [validator, exchangeRates])));
  return context;
}

/**
 * `at_height_H` for each height of `clear_at_heights`, cleared in that order on the same store:
 * the prevotes left, and the votes left when that call had votes to delete (the upstream test
 * counts votes after the first call only; after it there are none to count).
 */
function clearBallotsCase(inputs: JsonObject): ActualRecord {
  const { oracle } = ballotsAt(inputs, integer(inputs, 'prevote_submit_block'));
  const actual: ActualRecord = {};
  for (const height of heightList(inputs, 'clear_at_heights')) {
    const hadVotes = oracle.votes.size > 0;
    clearBallots(oracle, height);
    const left: { [key: string]: Actual } = { prevotes_left: oracle.prevotes.size };
    if (hadVotes) left['votes_left'] = oracle.votes.size;
    actual[`at_height_${height}`] = left;
  }
  return actual;
}

export const CLEAR_BALLOTS_FUNCTIONS: FunctionTable = {
  ClearBallots: clearBallotsCase,
};

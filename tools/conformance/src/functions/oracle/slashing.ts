/**
 * Adapter for `SlashAndResetMissCounters` on its own: one validator with a preset miss counter, in
 * each state its `validator_status` names, at the end of a slash window.
 */
import * as bank from '@marketnode/bank';
import * as dec from '@marketnode/dec';
import {
  createOracleState,
  DEFAULT_ORACLE_PARAMS,
  slashAndResetMissCounters,
  type OracleParams,
} from '@marketnode/oracle';
import { createStakingState } from '@marketnode/staking';
import { showActual, type Actual } from '../../compare.js';
import type { ActualRecord, FunctionTable } from '../../function-table.js';
import { has, InputError, integer, text } from '../../inputs.js';
import type { JsonObject } from '../../vector-file.js';
import { createScenario } from './fixture.js';
import { oracleParams } from './params.js';
import { parseValidatorStates, type ValidatorState } from './validator-status.js';

/** `slash_test.go`'s validator: 100 power. */
const SLASH_TEST_TOKENS = 100_000_000n;

/**
 * The slash step's arithmetic for one miss count, from the library itself: its slash step over a
 * store holding only that count, for a validator that does not exist (so nothing is slashed).
 */
export function slashArithmetic(
  params: OracleParams,
  missCounter: bigint,
): { readonly votePeriodsPerWindow: bigint; readonly validRate: dec.Dec } {
  const scratch = {
    oracle: createOracleState(params, { missCounters: new Map([['nobody', missCounter]]) }),
    staking: createStakingState(),
    bank: bank.createBank(),
  };
  const result = slashAndResetMissCounters(scratch);
  const verdict = result.verdicts[0];
  if (verdict === undefined) throw new Error('assertion failed: no verdict for a stored miss counter');
  return { votePeriodsPerWindow: result.votePeriodsPerWindow, validRate: verdict.validRate };
}

function slashOnce(inputs: JsonObject, params: OracleParams, state: ValidatorState): ActualRecord {
  const operator = has(inputs, 'validator') ? text(inputs, 'validator') : 'val';
  const tokens = has(inputs, 'validator_bonded_tokens')
    ? integer(inputs, 'validator_bonded_tokens')
    : SLASH_TEST_TOKENS;
  const context = createScenario({ params, tokens: new Map([[operator, tokens]]), voteTargets: [] });
  const validator = context.staking.validators.get(operator);
  if (validator === undefined) throw new Error('assertion failed: the fixture lost its validator');
  validator.status = state.status;
  validator.jailed = state.jailed;
  context.oracle.missCounters.set(operator, integer(inputs, 'miss_counter'));
  const result = slashAndResetMissCounters(context);
  const verdict = result.verdicts.find((entry) => entry.operator === operator);
  if (verdict === undefined) throw new Error('assertion failed: no verdict for a stored miss counter');
  return {
    vote_periods_per_window: result.votePeriodsPerWindow,
    valid_vote_rate: dec.format(verdict.validRate),
    slashed: verdict.slashed,
    slashed_amount: verdict.slashedAmount,
    bonded_tokens_after: validator.tokens,
    jailed: validator.jailed,
    miss_counter_after: context.oracle.missCounters.get(operator) ?? 0n,
  };
}

/**
 * What every state gives alike. A key the states disagree on has no single answer: it is left out,
 * and when the case asks for it the text is too vague to answer it, which is an input error.
 * (`expectedKeys` only says which keys are asked for; no expected value is read.)
 */
function commonRecord(
  records: readonly ActualRecord[],
  expectedKeys: readonly string[],
  description: string,
): ActualRecord {
  const common: ActualRecord = {};
  const first = records[0] ?? {};
  for (const [key, value] of Object.entries(first)) {
    const values = records.map((record) => showActual(record[key]));
    if (values.every((shown) => shown === values[0])) common[key] = value as Actual;
    else if (expectedKeys.includes(key)) {
      throw new InputError(
        `validator_status "${description}": its states give ${key} = ${values.join(' / ')}`,
      );
    }
  }
  return common;
}

function slashAndResetCase(inputs: JsonObject, expectedKeys: readonly string[]): ActualRecord {
  const params = oracleParams(inputs, DEFAULT_ORACLE_PARAMS);
  const description = has(inputs, 'validator_status')
    ? text(inputs, 'validator_status')
    : 'bonded, not jailed';
  const records = parseValidatorStates(description).map((state) => slashOnce(inputs, params, state));
  return commonRecord(records, expectedKeys, description);
}

export const SLASHING_FUNCTIONS: FunctionTable = {
  SlashAndResetMissCounters: slashAndResetCase,
};

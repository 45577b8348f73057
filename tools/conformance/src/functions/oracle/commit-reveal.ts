/**
 * Adapters for commit–reveal: the vote hash, the vote's `ValidateBasic` and text parser, and the
 * vote handler run after a real prevote.
 */
import { createHash } from 'node:crypto';
import * as dec from '@marketnode/dec';
import {
  aggregateVoteHash,
  DEFAULT_ORACLE_PARAMS,
  parseExchangeRateTuples,
  submitPrevote,
  submitVote,
  validateVote,
  type OracleParams,
} from '@marketnode/oracle';
import { compareStrings } from '@marketnode/staking';
import type { Actual } from '../../compare.js';
import type { ActualRecord, FunctionTable } from '../../function-table.js';
import { expandedText, has, InputError, integer, text } from '../../inputs.js';
import type { JsonObject } from '../../vector-file.js';
import { errorRecord, validation } from '../results.js';
import { accountOf, createScenario, validatorTokens, voteTargets } from './fixture.js';
import { heightList } from './heights.js';
import { oracleParams } from './params.js';

/**
 * The preimage is reported after checking that the library's hash is the truncated SHA-256 of it,
 * so that it is what the library hashes and not merely the formula restated.
 */
function voteHashCase(inputs: JsonObject): ActualRecord {
  const input = {
    salt: text(inputs, 'salt'),
    exchangeRatesText: text(inputs, 'exchange_rates_str'),
    voter: text(inputs, 'voter_bech32'),
  };
  const hashHex = aggregateVoteHash(input);
  const preimage = `${input.salt}:${input.exchangeRatesText}:${input.voter}`;
  const digestHex = createHash('sha256').update(preimage, 'utf8').digest('hex');
  if (hashHex.length === 0 || !digestHex.startsWith(hashHex)) {
    throw new Error(`the vote hash ${hashHex} is not a truncated SHA-256 of "${preimage}"`);
  }
  return { preimage, hash_hex: hashHex, hash_bytes: hashHex.length / 2 };
}

/** Non-empty placeholder addresses unless the case gives them: only their emptiness is checked. */
function validateVoteCase(inputs: JsonObject): ActualRecord {
  const result = validateVote({
    feeder: has(inputs, 'feeder') ? text(inputs, 'feeder') : 'feeder',
    validator: has(inputs, 'validator') ? text(inputs, 'validator') : 'validator',
    salt: text(inputs, 'salt'),
    exchangeRatesText: expandedText(inputs, 'exchange_rates'),
  });
  return validation(result.ok ? undefined : result.error);
}

function parseTuplesCase(inputs: JsonObject): ActualRecord {
  const parsed = parseExchangeRateTuples(expandedText(inputs, 'input'));
  if (!parsed.ok) return { ok: false };
  const rates = parsed.tuples.map((tuple) => [tuple.denom, dec.format(tuple.exchangeRate)]);
  return { ok: true, exchange_rates: Object.fromEntries(rates) };
}

/**
 * One vote at `height` on a fresh state: the validator (`validator`, else the first of the fixture)
 * commits at `prevote_height` through the real prevote handler, with the hash of the very salt and
 * text it then reveals. Without `prevote_height` there is no prevote. `feeder` changes the vote's
 * signer only.
 */
function voteAt(inputs: JsonObject, params: OracleParams, height: bigint): Actual {
  const tokens = validatorTokens(inputs);
  const targets = voteTargets(inputs, params);
  const context = createScenario({ params, tokens, voteTargets: targets });
  const validator = has(inputs, 'validator')
    ? text(inputs, 'validator')
    : [...tokens.keys()].sort(compareStrings)[0];
  if (validator === undefined) throw new InputError('the case has no validator to vote');
  const salt = has(inputs, 'salt') ? text(inputs, 'salt') : '1';
  const exchangeRatesText = has(inputs, 'exchange_rates')
    ? expandedText(inputs, 'exchange_rates')
    : targets.map((denom) => `1.000000000000000000${denom}`).join(',');
  if (has(inputs, 'prevote_height')) {
    const hash = aggregateVoteHash({ salt, exchangeRatesText, voter: validator });
    const prevote = { feeder: accountOf(validator), validator, hash };
    const committed = submitPrevote(context, prevote, integer(inputs, 'prevote_height'));
    if (!committed.ok) throw new InputError(`the fixture's prevote was rejected: ${committed.error.message}`);
  }
  const feeder = has(inputs, 'feeder') ? text(inputs, 'feeder') : accountOf(validator);
  const revealed = submitVote(context, { feeder, validator, salt, exchangeRatesText }, height);
  if (revealed.ok) return { ok: true };
  return errorRecord(revealed.error);
}

function voteHandlerCase(inputs: JsonObject): ActualRecord {
  const params = oracleParams(inputs, DEFAULT_ORACLE_PARAMS);
  const results: { [height: string]: Actual } = {};
  for (const height of heightList(inputs, 'vote_heights'))
    results[height.toString()] = voteAt(inputs, params, height);
  return { results_by_vote_height: results };
}

export const COMMIT_REVEAL_FUNCTIONS: FunctionTable = {
  GetAggregateVoteHash: voteHashCase,
  'MsgAggregateExchangeRateVote.ValidateBasic': validateVoteCase,
  ParseExchangeRateTuples: parseTuplesCase,
  'MsgAggregateExchangeRateVote handler': voteHandlerCase,
};

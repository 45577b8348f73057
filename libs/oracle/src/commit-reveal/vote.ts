/**
 * The reveal: `MsgAggregateExchangeRateVote` (spec §4.3).
 */
import { REJECTIONS, fail, ok, reject, type Result } from '@marketnode/errors';
import type { OracleContext } from '../context.js';
import type { ExchangeRateTuple } from '../state.js';
import { isRevealPeriod } from '../timing.js';
import { validateFeeder } from './feeder.js';
import type { SubmitVote } from './messages.js';
import { validateVote } from './validate-basic.js';
import { aggregateVoteHash } from './vote-hash.js';

export interface VoteSubmitted {
  readonly validator: string;
  readonly feeder: string;
  /** The raw text, as the `aggregate_vote` event carries it. */
  readonly exchangeRatesText: string;
  readonly exchangeRates: readonly ExchangeRateTuple[];
}

/**
 * ValidateBasic, then the handler's checks in the reference's order: feeder (5), a prevote exists
 * (11), reveal period (9), every denom a vote target (14), hash (8). On success the vote replaces
 * any earlier one and the prevote is deleted.
 */
export function submitVote(context: OracleContext, msg: SubmitVote, height: bigint): Result<VoteSubmitted> {
  const { oracle } = context;
  const basic = validateVote(msg, { saltLengthMax: oracle.params.saltLengthMax });
  if (!basic.ok) return basic;
  const feederProblem = validateFeeder(context, msg);
  if (feederProblem !== undefined) return fail(feederProblem);
  const prevote = oracle.prevotes.get(msg.validator);
  if (prevote === undefined) return fail(reject(REJECTIONS.noAggregatePrevote, msg.validator));
  const votePeriod = oracle.params.votePeriod;
  if (!isRevealPeriod({ height, submitBlock: prevote.submitBlock, votePeriod })) {
    return fail(reject(REJECTIONS.revealPeriodMissMatch));
  }
  const exchangeRates = basic.value;
  const unknown = exchangeRates.find((tuple) => !oracle.tobinTaxes.has(tuple.denom));
  if (unknown !== undefined) return fail(reject(REJECTIONS.unknownDenom, unknown.denom));
  const hash = aggregateVoteHash({
    salt: msg.salt,
    exchangeRatesText: msg.exchangeRatesText,
    voter: msg.validator,
  });
  if (hash !== prevote.hash) {
    return fail(reject(REJECTIONS.verificationFailed, `must be given ${prevote.hash} not ${hash}`));
  }
  oracle.votes.set(msg.validator, { exchangeRates });
  oracle.prevotes.delete(msg.validator);
  return ok({
    validator: msg.validator,
    feeder: msg.feeder,
    exchangeRatesText: msg.exchangeRatesText,
    exchangeRates,
  });
}

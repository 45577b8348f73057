/**
 * Adapters for the `ExchangeRateBallot` methods and the float square root: a ballot is a list of
 * `{voter, rate, power}` in the order given (the functions that need it sorted say so in the name of
 * the input, `ballot_sorted`).
 */
import * as dec from '@marketnode/dec';
import {
  BALLOT_MUST_BE_SORTED,
  ballotPower,
  sqrtViaFloat,
  standardDeviation,
  toCrossRateWithSort,
  weightedMedian,
  weightedMedianWithAssertion,
  type Ballot,
  type BallotVote,
} from '@marketnode/oracle';
import type { Actual } from '../../compare.js';
import type { ActualRecord, FunctionTable } from '../../function-table.js';
import { decimal, decMap, has, InputError, integer, list, text } from '../../inputs.js';
import { isObject, type Json, type JsonObject } from '../../vector-file.js';

const show = dec.format;

function toVote(entry: Json, index: number): BallotVote {
  if (!isObject(entry)) throw new InputError(`ballot entry ${index} must be {voter, rate, power}`);
  return {
    voter: text(entry, 'voter'),
    exchangeRate: decimal(entry, 'rate'),
    power: integer(entry, 'power'),
  };
}

/** `ballot_sorted`, else `ballot`. */
function ballotInput(inputs: JsonObject): Ballot {
  const key = has(inputs, 'ballot_sorted') ? 'ballot_sorted' : 'ballot';
  return list(inputs, key).map(toVote);
}

function showBallot(ballot: Ballot): Actual[] {
  return ballot.map((vote) => ({ voter: vote.voter, rate: show(vote.exchangeRate), power: vote.power }));
}

/** The median and the power it is taken against: `Power()` and the `Power()/2` the walk must reach. */
function medianRecord(ballot: Ballot, median: dec.Dec): ActualRecord {
  const totalPower = ballotPower(ballot);
  return { weighted_median: show(median), total_power: totalPower, half_power_int: totalPower / 2n };
}

function weightedMedianCase(inputs: JsonObject): ActualRecord {
  const ballot = ballotInput(inputs);
  return medianRecord(ballot, weightedMedian(ballot));
}

/** The reference panics with "ballot must be sorted"; any other throw is a bug and propagates. */
function weightedMedianWithAssertionCase(inputs: JsonObject): ActualRecord {
  const ballot = ballotInput(inputs);
  let median: dec.Dec;
  try {
    median = weightedMedianWithAssertion(ballot);
  } catch (error) {
    if (error instanceof Error && error.message === BALLOT_MUST_BE_SORTED) return { panic: error.message };
    throw error;
  }
  return { ...medianRecord(ballot, median), panic: false };
}

/** Around `median` when given, else around the ballot's weighted median (as the tally does). */
function standardDeviationCase(inputs: JsonObject): ActualRecord {
  const ballot = ballotInput(inputs);
  const ownMedian = weightedMedian(ballot);
  const median = has(inputs, 'median') ? decimal(inputs, 'median') : ownMedian;
  return { weighted_median: show(ownMedian), standard_deviation: show(standardDeviation(ballot, median)) };
}

function sqrtViaFloatCase(inputs: JsonObject): ActualRecord {
  return { sqrt_dec: show(sqrtViaFloat(decimal(inputs, 'value'))) };
}

/**
 * `reference_votes_by_voter` is the map the method takes (the RT ballot's `ToMap()`), passed as
 * given. A `Quo` that overflows is the reference's panic, reported as `{ panic: true }`.
 */
function toCrossRateCase(inputs: JsonObject): ActualRecord {
  const ballot = ballotInput(inputs);
  const referenceVotes = decMap(inputs, 'reference_votes_by_voter');
  try {
    return { cross_ballot_sorted: showBallot(toCrossRateWithSort(ballot, referenceVotes)) };
  } catch (error) {
    if (error instanceof dec.DecPanic) return { panic: true };
    throw error;
  }
}

export const BALLOT_FUNCTIONS: FunctionTable = {
  'ExchangeRateBallot.WeightedMedian': weightedMedianCase,
  'ExchangeRateBallot.WeightedMedianWithAssertion': weightedMedianWithAssertionCase,
  'ExchangeRateBallot.StandardDeviation': standardDeviationCase,
  'StandardDeviation float path': sqrtViaFloatCase,
  'ExchangeRateBallot.ToCrossRateWithSort': toCrossRateCase,
};

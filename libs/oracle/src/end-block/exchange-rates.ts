/**
 * Step 6 of the end block (spec §4.4): tally every remaining ballot, the reference Terra (RT)
 * directly and every other denom through cross rates, and derive the new rates.
 */
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';
import { compareStrings } from '@marketnode/staking';
import type { ExchangeRateTuple } from '../state.js';
import type { Ballot } from '../tally/ballot.js';
import type { ClaimMap } from '../tally/claims.js';
import { referenceVotesByVoter, toCrossRateWithSort } from '../tally/cross-rate.js';
import { tally, type TallyResult } from '../tally/tally.js';
import { weightedMedianWithAssertion } from '../tally/weighted-median.js';

export interface BallotOutcome extends TallyResult {
  readonly denom: string;
}

/**
 * A passing denom that got no rate because the reference would have panicked (and halted the
 * chain) computing it. The main case is spec §4.7's hazard: no voter of the denom cast a positive
 * RT vote, so the cross-rate median is 0 and `rateRT.Quo(0)` divides by zero.
 */
export interface RateFailure {
  readonly denom: string;
  readonly reason: string;
}

export interface ExchangeRateTally {
  /** Sorted by denom. */
  readonly exchangeRates: readonly ExchangeRateTuple[];
  /** Every tallied ballot (RT: its own median; others: the cross-rate median), sorted by denom. */
  readonly ballots: readonly BallotOutcome[];
  readonly failures: readonly RateFailure[];
}

/**
 * Denoms are tallied in sorted order; the claims' sums do not depend on it. A failing denom keeps
 * what its tally already added to the claims (the reference would have tallied it before the
 * division) and stays a vote target; it just gets no rate.
 */
export function tallyExchangeRates(options: {
  readonly ballots: ReadonlyMap<string, Ballot>;
  readonly referenceTerra: string;
  readonly rewardBand: Dec;
  readonly claims: ClaimMap;
}): ExchangeRateTally {
  const { ballots, referenceTerra, rewardBand, claims } = options;
  const referenceBallot = ballots.get(referenceTerra) ?? [];
  const referenceVotes = referenceVotesByVoter(referenceBallot);
  const referenceRate = weightedMedianWithAssertion(referenceBallot);
  const exchangeRates: ExchangeRateTuple[] = [];
  const outcomes: BallotOutcome[] = [];
  const failures: RateFailure[] = [];
  for (const denom of [...ballots.keys()].sort(compareStrings)) {
    const ballot = ballots.get(denom) as Ballot;
    if (denom === referenceTerra) {
      const outcome = tally(ballot, rewardBand, claims);
      outcomes.push({ denom, ...outcome });
      exchangeRates.push({ denom, exchangeRate: outcome.median });
      continue;
    }
    const crossBallot = guardDecPanic(() => toCrossRateWithSort(ballot, referenceVotes));
    if (crossBallot instanceof dec.DecPanic) {
      failures.push({ denom, reason: `cross rate: ${crossBallot.message}` });
      continue;
    }
    const outcome = tally(crossBallot, rewardBand, claims);
    outcomes.push({ denom, ...outcome });
    const rate = guardDecPanic(() => dec.quo(referenceRate, outcome.median));
    if (rate instanceof dec.DecPanic)
      failures.push({ denom, reason: `rate from cross median: ${rate.message}` });
    else exchangeRates.push({ denom, exchangeRate: rate });
  }
  return { exchangeRates, ballots: outcomes, failures };
}

/** Runs `compute`, turning a reference panic into a value. Anything else is a bug and rethrown. */
function guardDecPanic<T>(compute: () => T): T | dec.DecPanic {
  try {
    return compute();
  } catch (error) {
    if (error instanceof dec.DecPanic) return error;
    throw error;
  }
}

/**
 * Adapter for the slash window as the end block runs it: real `oracleEndBlock` calls over every
 * height of one slash window, with the abci fixture voting at the end of each vote period, so that
 * misses and abstains are counted by the real tally.
 */
import * as dec from '@marketnode/dec';
import {
  isPeriodLastBlock,
  oracleEndBlock,
  type OracleEndBlockContext,
  type OracleEndBlockReport,
} from '@marketnode/oracle';
import { compareStrings } from '@marketnode/staking';
import type { ActualRecord, FunctionTable } from '../../function-table.js';
import { has, InputError, integer, text } from '../../inputs.js';
import type { JsonObject } from '../../vector-file.js';
import { createScenario, validatorTokens, voteTargets } from './fixture.js';
import { nextPeriodLastBlock, periodFirstBlock } from './heights.js';
import { ABCI_FIXTURE_PARAMS, oracleParams } from './params.js';
import { slashArithmetic } from './slashing.js';

/** Everyone votes this rate for every target, so every vote is inside the band. */
const VOTE_RATE = dec.fromInt(1700n);

type Choice = 'vote' | 'abstain' | 'skip';

interface WindowPlan {
  readonly subject: string;
  readonly voters: readonly string[];
  readonly targets: readonly string[];
  /** The tally height that ends the period of `extra_miss_at_height`: the subject does not vote. */
  readonly missTallyHeight: bigint | undefined;
  /** The subject abstains (rate 0) in this many of the window's first vote periods. */
  readonly periodsAbstained: bigint;
}

function castVotes(context: OracleEndBlockContext, plan: WindowPlan, subjectChoice: Choice): void {
  for (const voter of plan.voters) {
    const choice = voter === plan.subject ? subjectChoice : 'vote';
    if (choice === 'skip') continue;
    const exchangeRate = choice === 'abstain' ? dec.ZERO : VOTE_RATE;
    context.oracle.votes.set(voter, {
      exchangeRates: plan.targets.map((denom) => ({ denom, exchangeRate })),
    });
  }
}

/** Runs every height from `fromHeight` to the end of its slash window; returns the last report. */
function runWindow(
  context: OracleEndBlockContext,
  plan: WindowPlan,
  fromHeight: bigint,
): OracleEndBlockReport {
  const { votePeriod, slashWindow } = context.oracle.params;
  let abstained = 0n;
  let extraMissCounted = false;
  for (let height = fromHeight; height < fromHeight + slashWindow; height += 1n) {
    if (isPeriodLastBlock(height, votePeriod)) {
      const abstains = abstained < plan.periodsAbstained;
      castVotes(context, plan, height === plan.missTallyHeight ? 'skip' : abstains ? 'abstain' : 'vote');
      if (abstains && height !== plan.missTallyHeight) abstained += 1n;
    }
    const report = oracleEndBlock(context, height);
    if (height === plan.missTallyHeight) {
      extraMissCounted = report.missCountersIncremented.includes(plan.subject);
    }
    if (!report.slashWindowEnded) continue;
    if (plan.missTallyHeight !== undefined && !extraMissCounted) {
      throw new InputError(`the extra miss at ${plan.missTallyHeight} was not counted in this slash window`);
    }
    if (abstained < plan.periodsAbstained) {
      throw new InputError(`the slash window holds only ${abstained} vote periods to abstain in`);
    }
    return report;
  }
  throw new Error(`assertion failed: no slash window of ${slashWindow} blocks ended`);
}

/**
 * The subject (`validator`, else the fixture's first, with `validator_tokens` as its stake) starts
 * the window with `misses_before_window_end` misses already counted (the window that holds
 * `extra_miss_at_height`, else the first). Then the window runs: it misses the vote period of
 * `extra_miss_at_height` by not voting while the others vote, and abstains in the first
 * `periods_abstained` periods.
 */
function slashWindowCase(inputs: JsonObject): ActualRecord {
  const params = oracleParams(inputs, ABCI_FIXTURE_PARAMS);
  const tokens = validatorTokens(inputs);
  const voters = [...tokens.keys()].sort(compareStrings);
  const subject = has(inputs, 'validator') ? text(inputs, 'validator') : voters[0];
  if (subject === undefined || !tokens.has(subject))
    throw new InputError('the subject validator is not listed');
  if (has(inputs, 'validator_tokens')) tokens.set(subject, integer(inputs, 'validator_tokens'));
  const targets = voteTargets(inputs, params);
  const context = createScenario({
    params,
    tokens,
    voteTargets: targets,
    ...(has(inputs, 'total_bonded_power') ? { totalBondedPower: integer(inputs, 'total_bonded_power') } : {}),
  });
  const extraMissHeight = has(inputs, 'extra_miss_at_height')
    ? integer(inputs, 'extra_miss_at_height')
    : undefined;
  const plan: WindowPlan = {
    subject,
    voters,
    targets,
    missTallyHeight:
      extraMissHeight === undefined ? undefined : nextPeriodLastBlock(extraMissHeight, params.votePeriod),
    periodsAbstained: has(inputs, 'periods_abstained') ? integer(inputs, 'periods_abstained') : 0n,
  };
  const missesBefore = has(inputs, 'misses_before_window_end')
    ? integer(inputs, 'misses_before_window_end')
    : 0n;
  if (missesBefore > 0n) context.oracle.missCounters.set(subject, missesBefore);
  const report = runWindow(context, plan, periodFirstBlock(extraMissHeight ?? 0n, params.slashWindow));
  return windowRecord(context, report, subject);
}

/** The subject at the end of the window. Its rate is computed for a zero count when none was stored. */
function windowRecord(
  context: OracleEndBlockContext,
  report: OracleEndBlockReport,
  subject: string,
): ActualRecord {
  const verdict = report.missCounterVerdicts.find((entry) => entry.operator === subject);
  const missCounter = verdict?.missCounter ?? 0n;
  const arithmetic = slashArithmetic(context.oracle.params, missCounter);
  const slash = report.slashed.find((record) => record.operator === subject);
  const validator = context.staking.validators.get(subject);
  if (validator === undefined) throw new Error('assertion failed: the subject validator vanished');
  return {
    vote_periods_per_window: arithmetic.votePeriodsPerWindow,
    valid_vote_rate: dec.format(verdict?.validRate ?? arithmetic.validRate),
    miss_counter: missCounter,
    slashed: slash !== undefined,
    slashed_amount: slash?.amount ?? 0n,
    bonded_tokens_after: validator.tokens,
    jailed: validator.jailed,
    miss_counter_after: context.oracle.missCounters.get(subject) ?? 0n,
  };
}

export const SLASH_WINDOW_FUNCTIONS: FunctionTable = {
  'EndBlocker (slash window)': slashWindowCase,
};

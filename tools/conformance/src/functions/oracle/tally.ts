/**
 * Adapters for the tally: one real end block at the last block of a vote period over the case's
 * validators and stored votes, and `RewardBallotWinners` on its own over given claims.
 */
import * as dec from '@marketnode/dec';
import {
  DEFAULT_ORACLE_PARAMS,
  oracleEndBlock,
  rewardBallotWinners,
  type ClaimMap,
} from '@marketnode/oracle';
import { compareStrings, POWER_REDUCTION } from '@marketnode/staking';
import type { ActualRecord, FunctionTable } from '../../function-table.js';
import { has, integer, object } from '../../inputs.js';
import type { JsonObject } from '../../vector-file.js';
import {
  createScenario,
  rewardPool,
  scenarioFromInputs,
  storeVotes,
  voteTargets,
  votesInput,
} from './fixture.js';
import { nextPeriodLastBlock } from './heights.js';
import { ABCI_FIXTURE_PARAMS, oracleParams } from './params.js';
import { decCoinsRecord, rewardsRecord, tallyRecord } from './report.js';

/**
 * The end block at `height` when given, else at the first height that ends a vote period (the
 * upstream tests tally the first period). `panic` says whether the reference would have panicked
 * (and halted the chain) deriving a rate, which the library instead reports as a rate failure.
 */
function endBlockTallyCase(inputs: JsonObject): ActualRecord {
  const params = oracleParams(inputs, ABCI_FIXTURE_PARAMS);
  const context = scenarioFromInputs(inputs, params);
  storeVotes(context.oracle, votesInput(inputs));
  const height = has(inputs, 'height')
    ? integer(inputs, 'height')
    : nextPeriodLastBlock(0n, params.votePeriod);
  const report = oracleEndBlock(context, height);
  return {
    tallied: report.tallied,
    panic: report.rateFailures.length > 0,
    ...tallyRecord(report, context.oracle),
  };
}

/** `claims`: operator -> `{weight, power?, win?}`; a claim's power defaults to its weight. */
function claimsInput(inputs: JsonObject): ClaimMap {
  const given = object(inputs, 'claims');
  const claims: ClaimMap = new Map();
  for (const operator of Object.keys(given)) {
    const claim = object(given, operator);
    const weight = integer(claim, 'weight');
    claims.set(operator, {
      power: has(claim, 'power') ? integer(claim, 'power') : weight,
      weight,
      winCount: has(claim, 'win') ? integer(claim, 'win') : 0n,
    });
  }
  return claims;
}

/**
 * The keeper test's call: every claim is an existing bonded validator of the claim's power (a
 * missing one would not be paid), the pool is in the oracle account, and the vote targets default
 * to the default whitelist (the genesis tobin taxes the test iterates).
 */
function rewardBallotWinnersCase(inputs: JsonObject): ActualRecord {
  const params = oracleParams(inputs, DEFAULT_ORACLE_PARAMS);
  const claims = claimsInput(inputs);
  const tokens = new Map([...claims].map(([operator, claim]) => [operator, claim.power * POWER_REDUCTION]));
  const targets = voteTargets(inputs, params);
  const context = createScenario({ params, tokens, voteTargets: targets, rewardPool: rewardPool(inputs) });
  const distribution = rewardBallotWinners(context, {
    votePeriod: params.votePeriod,
    rewardDistributionWindow: params.rewardDistributionWindow,
    voteTargets: targets,
    claims,
  });
  return {
    distribution_ratio: dec.format(distribution.distributionRatio),
    period_rewards: decCoinsRecord(distribution.periodRewards),
    rewards_to_validators: rewardsRecord(
      [...claims.keys()].sort(compareStrings),
      distribution.rewardsToValidators,
    ),
  };
}

export const TALLY_FUNCTIONS: FunctionTable = {
  'EndBlocker (tally)': endBlockTallyCase,
  'EndBlocker (tally + rewards)': endBlockTallyCase,
  RewardBallotWinners: rewardBallotWinnersCase,
};

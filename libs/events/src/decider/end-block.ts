/**
 * Deciding an `EndBlock`: runs the whole node's end of block (`@marketnode/node-state`, in
 * classic-core's EndBlocker order) and states what it decided as events, in that same order.
 */
import { endBlock, type NodeEndBlockReport, type NodeState } from '@marketnode/node-state';
import { dailyCapBtc } from '@marketnode/reserve';
import type { EndBlock } from '../commands/commands.js';
import type { ExchangeRatesTallied } from '../events/block-events.js';
import type { BlockEvent } from '../events/event.js';

export function decideEndBlock(state: NodeState, command: EndBlock): BlockEvent[] {
  const { height } = command;
  const report = endBlock(state, height);
  const events: BlockEvent[] = [];
  if (report.oracle.tallied) events.push(exchangeRatesTallied(report));
  if (report.oracle.slashWindowEnded) pushSlashWindow(events, report);
  events.push({
    type: 'PoolsReplenished',
    height,
    marketRegressionUsdr: report.marketRegressionUsdr,
    marketDeltaAfterUsdr: state.market.terraPoolDelta,
    reserveEntryRegressionUst: report.reserve.entryRegressionUst,
    reserveEntryDeltaAfterUst: state.reserve.entryDeltaUst,
    reserveExitRegressionUst: report.reserve.exitRegressionUst,
    reserveExitDeltaAfterUst: state.reserve.exitDeltaUst,
  });
  if (report.reserve.dayRolled) {
    const { dayIndex, dayCapBaseBtc } = state.reserve;
    events.push({
      type: 'ReserveDayRolled',
      height,
      dayIndex,
      dayCapBaseBtc,
      dailyCapBtc: dailyCapBtc(state.reserve),
    });
  }
  for (const operator of report.unbondedValidators)
    events.push({ type: 'ValidatorUnbonded', height, operator });
  events.push({ type: 'BlockEnded', height, timeMs: command.timeMs });
  return events;
}

function exchangeRatesTallied(report: NodeEndBlockReport): ExchangeRatesTallied {
  const { oracle } = report;
  return {
    type: 'ExchangeRatesTallied',
    height: report.height,
    referenceTerra: oracle.referenceTerra,
    thresholdVotes: oracle.thresholdVotes,
    exchangeRates: oracle.exchangeRates,
    ballots: oracle.ballots.map(({ denom, median, standardDeviation, rewardSpread }) => ({
      denom,
      median,
      standardDeviation,
      rewardSpread,
    })),
    rateFailures: oracle.rateFailures,
    claims: oracle.claims,
    voteTargets: oracle.voteTargetsAfterPick,
    missCountersIncremented: oracle.missCountersIncremented,
    periodRewards: oracle.periodRewards,
    rewardsToValidators: oracle.rewardsToValidators,
    whitelistApplied: oracle.whitelistApplied,
  };
}

/** The verdicts, then each penalised validator slashed and jailed, in operator order, as they happened. */
function pushSlashWindow(events: BlockEvent[], report: NodeEndBlockReport): void {
  const { height, oracle } = report;
  events.push({ type: 'SlashWindowEnded', height, verdicts: oracle.missCounterVerdicts });
  for (const { operator, validRate, amount } of oracle.slashed) {
    events.push({ type: 'ValidatorSlashed', height, operator, validRate, amount });
    if (oracle.jailed.includes(operator)) events.push({ type: 'ValidatorJailed', height, operator });
  }
}

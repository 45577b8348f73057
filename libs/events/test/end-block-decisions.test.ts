// Given a node driven by commands, when an EndBlock is applied, then the events state what the
// node's end of block decided, in classic-core's EndBlocker order, and BlockEnded closes the block
// with the engine's time.
import t from 'tap';
import * as dec from '@marketnode/dec';
import { balanceOf, MODULE_ACCOUNTS } from '@marketnode/bank';
import { endBlock, type NodeState } from '@marketnode/node-state';
import { applyCommand, stateHash, type Event } from '../src/index.js';
import {
  BLOCKS_PER_DAY,
  devnet,
  endBlockCommand,
  GENESIS_TIME_MS,
  hex,
  nodeWithRates,
  SLASH_WINDOW,
  swapCommand,
  VALIDATORS,
} from './support/devnet.js';
import { commandsOf, type BlockSpec, type LoggedCommand } from './support/scripts.js';

const QUIET_BLOCK: BlockSpec = {
  swaps: [],
  voters: [true, true, true],
  jitter: 0,
  disagree: false,
  junk: [],
  delegate: undefined,
};

function applyAll(state: NodeState, log: readonly LoggedCommand[]): Event[][] {
  return log.map(({ command, height }) => applyCommand(state, command, { height }));
}

t.test('a block that ends no period replenishes the pools and ends with the engine time', async (t) => {
  const { state, height } = nodeWithRates();
  const twin = nodeWithRates().state;
  applyCommand(state, swapCommand({ offer: { denom: 'uusd', amount: 1_000_000_000n }, askDenom: 'uluna' }), {
    height,
  });
  applyCommand(twin, swapCommand({ offer: { denom: 'uusd', amount: 1_000_000_000n }, askDenom: 'uluna' }), {
    height,
  });
  applyCommand(state, swapCommand({ offer: { denom: 'uusd', amount: 1_000_000_000n }, askDenom: 'ubtc' }), {
    height,
  });
  applyCommand(twin, swapCommand({ offer: { denom: 'uusd', amount: 1_000_000_000n }, askDenom: 'ubtc' }), {
    height,
  });

  const events = applyCommand(state, endBlockCommand(height), { height });
  const report = endBlock(twin, height);
  t.same(events, [
    {
      type: 'PoolsReplenished',
      height,
      marketRegressionUsdr: report.marketRegressionUsdr,
      marketDeltaAfterUsdr: twin.market.terraPoolDelta,
      reserveEntryRegressionUst: report.reserve.entryRegressionUst,
      reserveEntryDeltaAfterUst: twin.reserve.entryDeltaUst,
      reserveExitRegressionUst: report.reserve.exitRegressionUst,
      reserveExitDeltaAfterUst: twin.reserve.exitDeltaUst,
    },
    { type: 'BlockEnded', height, timeMs: GENESIS_TIME_MS + height * 6_000n },
  ]);
  t.not(report.marketRegressionUsdr, dec.ZERO, 'the market delta did regress');
  t.equal(hex(stateHash(state)), hex(stateHash(twin)));
});

t.test('the last block of a vote period states the tally as the oracle reported it', async (t) => {
  const log = commandsOf([QUIET_BLOCK, QUIET_BLOCK, QUIET_BLOCK, QUIET_BLOCK]);
  const state = devnet();
  const twin = devnet();
  const last = log.length - 1;
  applyAll(state, log.slice(0, last));
  applyAll(twin, log.slice(0, last));
  const events = applyCommand(state, (log[last] as LoggedCommand).command, { height: 3n });
  const { oracle } = endBlock(twin, 3n);

  t.same(
    events.map((e) => e.type),
    ['ExchangeRatesTallied', 'PoolsReplenished', 'BlockEnded'],
  );
  const tallied = events[0];
  if (tallied?.type !== 'ExchangeRatesTallied') throw new Error('no tally');
  t.equal(tallied.height, 3n);
  t.equal(tallied.referenceTerra, oracle.referenceTerra);
  t.equal(tallied.thresholdVotes, oracle.thresholdVotes);
  t.same(tallied.exchangeRates, oracle.exchangeRates);
  t.same(tallied.ballots, oracle.ballots);
  t.same(tallied.claims, oracle.claims);
  t.same(tallied.voteTargets, oracle.voteTargetsAfterPick);
  t.same(tallied.missCountersIncremented, oracle.missCountersIncremented);
  t.same(tallied.periodRewards, oracle.periodRewards);
  t.same(tallied.rewardsToValidators, oracle.rewardsToValidators);
  t.equal(tallied.whitelistApplied, oracle.whitelistApplied);
  t.equal(tallied.exchangeRates.length, 3, 'every whitelisted denom got a rate');
});

t.test(
  'a validator that never votes is slashed, jailed and unbonded at the end of the slash window, in that order',
  async (t) => {
    const silent: BlockSpec = { ...QUIET_BLOCK, voters: [false, true, true] };
    const log = commandsOf(Array.from({ length: Number(SLASH_WINDOW) }, () => silent));
    const state = devnet();
    const perCommand = applyAll(state, log);
    const lastBlock = perCommand[perCommand.length - 1] as Event[];
    const alpha = VALIDATORS[0].operator;

    t.same(
      lastBlock.map((e) => e.type),
      [
        'ExchangeRatesTallied',
        'SlashWindowEnded',
        'ValidatorSlashed',
        'ValidatorJailed',
        'PoolsReplenished',
        'ValidatorUnbonded',
        'BlockEnded',
      ],
    );
    const height = SLASH_WINDOW - 1n;
    // Slash = ⌊power·10^6 · SlashFraction⌋ = 40·10^6 · 0.0001 uluna.
    t.match(lastBlock[2], {
      type: 'ValidatorSlashed',
      height,
      operator: alpha,
      validRate: dec.ZERO,
      amount: 4_000n,
    });
    t.match(lastBlock[3], { type: 'ValidatorJailed', height, operator: alpha });
    t.match(lastBlock[5], { type: 'ValidatorUnbonded', height, operator: alpha });
    const window = lastBlock[1];
    if (window?.type !== 'SlashWindowEnded') throw new Error('no slash window');
    // Period 0 has no reveal yet, so everyone misses it; the silent validator misses all 10.
    t.same(
      window.verdicts.map((v) => [v.operator, v.missCounter, v.slashed]),
      [
        [alpha, SLASH_WINDOW / 2n, true],
        [VALIDATORS[1].operator, 1n, false],
        [VALIDATORS[2].operator, 1n, false],
      ],
    );
    t.equal(state.staking.validators.get(alpha)?.status, 'unbonding');
  },
);

t.test('the last block of a day window rolls the reserve day on its BTC inventory', async (t) => {
  const state = devnet();
  const events: Event[] = [];
  for (let height = 0n; height < BLOCKS_PER_DAY; height += 1n) {
    events.push(...applyCommand(state, endBlockCommand(height), { height }));
  }
  const rolled = events.filter((e) => e.type === 'ReserveDayRolled');
  const inventoryBtc = balanceOf(state.bank, MODULE_ACCOUNTS.reserve, 'ubtc');
  t.same(rolled, [
    {
      type: 'ReserveDayRolled',
      height: BLOCKS_PER_DAY - 1n,
      dayIndex: 1n,
      dayCapBaseBtc: inventoryBtc,
      dailyCapBtc: inventoryBtc / 10n, // the proposal's 10% cap
    },
  ]);
});

t.test('an EndBlock for another height than the block being built is a programmer error', async (t) => {
  t.throws(() => applyCommand(devnet(), endBlockCommand(5n), { height: 4n }), /assertion failed/);
});

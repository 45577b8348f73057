// Pure, no I/O: given the demo genesis, when random commands (market and reserve swaps of random
// sizes and directions, some unaffordable, swap-sends, block ends that replenish the pools and tally
// an empty ballot) run through the core's decider, then the projection built from the EVENTS alone
// equals the core's state after every command: every balance, every supply, the reserve's inventory
// and all three pool deltas; and supply = genesis + minted - burned = the sum of balances.
import t from 'tap';
import fc from 'fast-check';
import { balanceOf, MODULE_ACCOUNTS } from '@marketnode/bank';
import { applyCommand, type Command } from '@marketnode/events';
import { createNodeState } from '@marketnode/node-state';
import { propertyOptions } from '@marketnode/testkit';
import {
  applyEntry,
  createProjection,
  inventoryOf,
  projectedBalance,
  ProjectionChanges,
  supplyOf,
} from '../../src/index.js';
import { DEMO } from '../support/engine-scenario.js';

const TRADERS = ['terra1alice', 'terra1bob', 'terra1carol'];
const DENOMS = ['uluna', 'uusd', 'usdr', 'ukrw', 'ubtc'];

const swapArb = fc.record({
  trader: fc.constantFrom(...TRADERS),
  receiver: fc.constantFrom(...TRADERS),
  offerDenom: fc.constantFrom(...DENOMS),
  askDenom: fc.constantFrom(...DENOMS),
  amount: fc.bigInt({ min: 1n, max: 10n ** 13n }),
});
const stepArb = fc.oneof(
  { weight: 6, arbitrary: swapArb },
  { weight: 1, arbitrary: fc.constant('endBlock' as const) },
);

t.test('the projection from events equals the core state after every command', async (t) => {
  fc.assert(
    fc.property(fc.array(stepArb, { minLength: 1, maxLength: 60 }), (steps) => {
      const state = createNodeState(DEMO.genesis);
      const projection = createProjection(DEMO.genesis, new Uint8Array(32));
      const changes = new ProjectionChanges();
      let height = 1n;
      let seq = 0n;
      for (const [index, step] of steps.entries()) {
        const command: Command =
          step === 'endBlock'
            ? { type: 'EndBlock', height, timeMs: 1_000n * height }
            : {
                type: 'Swap',
                requestId: `p-${index}`,
                trader: step.trader,
                receiver: step.receiver,
                offer: { denom: step.offerDenom, amount: step.amount },
                askDenom: step.askDenom,
              };
        const events = applyCommand(state, command, { height });
        seq += 1n;
        applyEntry(projection, { seq, height, hash: new Uint8Array(32), body: { command, events } }, changes);
        changes.clear();
        if (command.type === 'EndBlock') height += 1n;

        for (const account of new Set([...state.bank.balances.keys(), ...projection.balances.keys()]))
          for (const denom of DENOMS)
            if (projectedBalance(projection, account, denom) !== balanceOf(state.bank, account, denom))
              return false;
        for (const denom of DENOMS) {
          const supply = state.bank.supply.get(denom) ?? 0n;
          if (supplyOf(projection.supplies.get(denom)) !== supply) return false;
          if ((projection.balanceSums.get(denom) ?? 0n) !== supply) return false;
        }
        for (const denom of ['ubtc', 'uusd'])
          if (
            inventoryOf(projection.reserveFlows.get(denom)) !==
            balanceOf(state.bank, MODULE_ACCOUNTS.reserve, denom)
          )
            return false;
        if (projection.pools.market !== state.market.terraPoolDelta) return false;
        if (projection.pools.reserveEntry !== state.reserve.entryDeltaUst) return false;
        if (projection.pools.reserveExit !== state.reserve.exitDeltaUst) return false;
      }
      return true;
    }),
    propertyOptions(200),
  );
  t.pass('held for every sequence');
});

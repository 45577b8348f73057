// Given/when/then over whole blocks: the end of block runs oracle, market, reserve, staking in the
// reference's order (classic-core.md §5), with the consequences that order has.
import t from 'tap';
import * as dec from '@marketnode/dec';
import { executeSwap } from '@marketnode/market';
import { MODULE_ACCOUNTS, balanceOf } from '@marketnode/bank';
import {
  ALL_VOTERS,
  devnet,
  prevote,
  reveal,
  SLASH_WINDOW,
  TRADER,
  VALIDATORS,
  VOTE_PERIOD,
} from './support/devnet.js';
import { endBlock, pricesOf } from '../src/index.js';

const swapUstForLuna = (state: ReturnType<typeof devnet>) =>
  executeSwap(
    { market: state.market, prices: pricesOf(state), bank: state.bank },
    { trader: TRADER, receiver: TRADER, offer: { denom: 'uusd', amount: 1_000_000_000n }, askDenom: 'uluna' },
  );

t.test('rates set by a tally serve swaps from the next block on, not in the tally block', async (t) => {
  const state = devnet();
  prevote(state, 0n, ALL_VOTERS); // period 0
  endBlock(state, 0n);
  endBlock(state, 1n); // tally of period 0: nothing revealed yet
  reveal(state, 2n, ALL_VOTERS); // period 1
  t.equal(swapUstForLuna(state).ok, false, 'no rate yet while the revealing block runs');
  endBlock(state, 2n);
  const tally = endBlock(state, 3n); // last block of period 1
  t.equal(tally.oracle.tallied, true);
  // Every ballot has the same power, so the reference Terra is the alphabetically first, ubtc; the
  // other rates come back through its cross rate (§4.7), rateRT.Quo(rateRT.Quo(rate)), which is
  // lossy when rateRT is small: usdr comes out as 60.0000000000006, as it would on chain.
  const viaReference = (rate: string) =>
    dec.quo(dec.parse('0.002'), dec.quo(dec.parse('0.002'), dec.parse(rate)));
  t.same(
    tally.oracle.exchangeRates.map((r) => [r.denom, r.exchangeRate]),
    [
      ['ubtc', dec.parse('0.002')],
      ['usdr', viaReference('60')],
      ['uusd', viaReference('80')],
    ],
  );
  t.equal(dec.format(viaReference('60')), '60.000000000000600000');
  t.equal(swapUstForLuna(state).ok, true, 'the next block swaps at the new rates');
});

t.test('the market replenishes after the block swaps, by delta / PoolRecoveryPeriod', async (t) => {
  const state = devnet();
  prevote(state, 0n, ALL_VOTERS);
  for (const height of [0n, 1n]) endBlock(state, height);
  reveal(state, 2n, ALL_VOTERS);
  for (const height of [2n, 3n]) endBlock(state, height);
  const swap = swapUstForLuna(state);
  if (!swap.ok) throw new Error(swap.error.message);
  const afterSwap = state.market.terraPoolDelta;
  const report = endBlock(state, 4n);
  t.equal(report.marketRegressionUsdr, dec.quoInt(afterSwap, 36n));
  t.equal(state.market.terraPoolDelta, dec.sub(afterSwap, dec.quoInt(afterSwap, 36n)));
});

t.test(
  'a validator that never votes is slashed, jailed and unbonded at the window end, and leaves the tally',
  async (t) => {
    const state = devnet();
    const [silent, ...voters] = ALL_VOTERS;
    const silentValidator = VALIDATORS[0];
    let lastReport;
    for (let height = 0n; height < SLASH_WINDOW; height += 1n) {
      if (height % VOTE_PERIOD === 0n) {
        if (height > 0n) reveal(state, height, voters);
        prevote(state, height, voters);
      }
      lastReport = endBlock(state, height);
    }
    t.same(lastReport?.oracle.jailed, [silent]);
    t.same(lastReport?.unbondedValidators, [silent]);
    const slashed = ((silentValidator.tokens / 1_000_000n) * 1_000_000n) / 10_000n; // power · 10^6 · 0.0001
    t.equal(state.staking.validators.get(silent as string)?.tokens, silentValidator.tokens - slashed);
    t.equal(balanceOf(state.bank, MODULE_ACCOUNTS.bondedPool, 'uluna'), 100_000_000n - slashed);

    reveal(state, SLASH_WINDOW, voters);
    endBlock(state, SLASH_WINDOW);
    const next = endBlock(state, SLASH_WINDOW + 1n);
    t.same(
      next.oracle.claims.map((claim) => claim.operator),
      [...voters].sort(),
      'the jailed validator has no claim in the next tally',
    );
  },
);

t.test('the reserve regresses both sides every block and rolls its day window at the day end', async (t) => {
  const state = devnet();
  state.reserve.entryDeltaUst = dec.fromInt(-1_000_000n);
  state.reserve.exitDeltaUst = dec.fromInt(1_000_000n);
  const { blocksPerDay } = state.reserve.params;
  const first = endBlock(state, 0n);
  t.equal(
    first.reserve.entryRegressionUst,
    dec.quoInt(dec.fromInt(-1_000_000n), state.reserve.params.entry.poolRecoveryPeriod),
  );
  t.equal(
    first.reserve.exitRegressionUst,
    dec.quoInt(dec.fromInt(1_000_000n), state.reserve.params.exit.poolRecoveryPeriod),
  );
  t.equal(first.reserve.dayRolled, false);
  t.equal(endBlock(state, blocksPerDay - 1n).reserve.dayRolled, true);
  t.equal(state.reserve.dayIndex, 1n);
});

// Property: a swap creates and destroys exactly what spec §3.5 says. The offer is burned; exactly
// ⌊ret⌋ = swapCoin + feeCoin of the ask denom is minted, swapCoin to the receiver and feeCoin to the
// oracle reward pool; ret = swapDec + fee = swapCoin + feeCoin + destroyed dust (< 1 micro unit).
// A rejection or a reference panic changes nothing at all.
import t from 'tap';
import fc from 'fast-check';
import * as dec from '@marketnode/dec';
import { DecPanic, type Dec } from '@marketnode/dec';
import { balanceOf, MODULE_ACCOUNTS, supplyOf, type BankState } from '@marketnode/bank';
import { propertyOptions } from '@marketnode/testkit';
import { createMarketState, executeSwap, type SwapOutcome } from '../src/index.js';
import { deltaArb, paramsArb, pricesArb, swapArb } from './fixtures/arbitraries.js';
import { bankWith, RECEIVER, snapshot, TRADER } from './fixtures/builders.js';

const ORACLE = MODULE_ACCOUNTS.oracle;

function expectEqual<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected) throw new Error(`${what}: got ${String(actual)}, expected ${String(expected)}`);
}

const caseArb = paramsArb.chain((params) =>
  fc.record({
    params: fc.constant(params),
    delta: deltaArb(params.basePool),
    prices: pricesArb,
    swap: swapArb,
    sendToOther: fc.boolean(),
    shortfall: fc.oneof(
      { weight: 9, arbitrary: fc.constant(0n) },
      { weight: 1, arbitrary: fc.bigInt({ min: 1n, max: 10n }) },
    ),
    heldAskDenom: fc.bigInt({ min: 0n, max: 10n ** 9n }),
  }),
);

/** The balances and supplies a swap may touch, before it. */
function readings(bank: BankState, offerDenom: string, askDenom: string, receiver: string) {
  return {
    offerSupply: supplyOf(bank, offerDenom),
    askSupply: supplyOf(bank, askDenom),
    traderOffer: balanceOf(bank, TRADER, offerDenom),
    receiverAsk: balanceOf(bank, receiver, askDenom),
    oracleAsk: balanceOf(bank, ORACLE, askDenom),
  };
}

function checkConservation(
  before: ReturnType<typeof readings>,
  after: ReturnType<typeof readings>,
  o: SwapOutcome,
): void {
  const ret: Dec = o.pricing.ret.amount;
  const minted = o.swapCoin.amount + o.feeCoin.amount;
  expectEqual(after.offerSupply, before.offerSupply - o.offer.amount, 'offer supply falls by the offer');
  expectEqual(after.traderOffer, before.traderOffer - o.offer.amount, 'the trader pays the offer');
  expectEqual(minted, dec.truncateInt(ret), 'swapCoin + feeCoin = ⌊ret⌋');
  expectEqual(after.askSupply, before.askSupply + minted, 'ask supply grows by swapCoin + feeCoin');
  expectEqual(after.receiverAsk, before.receiverAsk + o.swapCoin.amount, 'the receiver gets swapCoin');
  expectEqual(after.oracleAsk, before.oracleAsk + o.feeCoin.amount, 'the oracle pool gets feeCoin');
  expectEqual(ret, dec.add(o.swapDecAfterFee, o.feeDec), 'ret = swapDec + fee');
  expectEqual(ret, dec.fromScaled(minted * dec.SCALE + o.destroyedDec), 'ret = minted + destroyed');
  if (o.destroyedDec < 0n || o.destroyedDec >= dec.SCALE) throw new Error('destroyed dust must be in [0, 1)');
}

t.test('every swap burns the offer and mints exactly floor(ret); failures change nothing', async (t) => {
  // Fails if the fee coin is ⌊fee⌋ without the output's fractional dust (the v0.4 behaviour): then
  // swapCoin + feeCoin falls short of ⌊ret⌋. Fails if the fee is minted to the receiver instead of
  // the oracle pool. Fails if the delta is set before the insufficient-funds check.
  const counts = { swapped: 0, rejected: 0, panicked: 0 };
  fc.assert(
    fc.property(caseArb, (c) => {
      const market = createMarketState(c.params, c.delta);
      const receiver = c.sendToOther ? RECEIVER : TRADER;
      const { offer, askDenom } = c.swap;
      // A shortfall leaves the trader short of the offer (or with nothing), to exercise that rejection.
      const held = offer.amount > c.shortfall ? offer.amount - c.shortfall : 0n;
      const bank = bankWith({
        [TRADER]: { [offer.denom]: held, ...(c.sendToOther ? {} : { [askDenom]: c.heldAskDenom }) },
        [RECEIVER]: { [askDenom]: c.heldAskDenom },
        [ORACLE]: { [askDenom]: c.heldAskDenom, [offer.denom]: 3n },
      });
      const state = snapshot(bank, market);
      const before = readings(bank, offer.denom, askDenom, receiver);
      let result;
      try {
        result = executeSwap(
          { market, prices: c.prices, bank },
          { trader: TRADER, receiver, offer, askDenom },
        );
      } catch (error) {
        if (!(error instanceof DecPanic)) throw error;
        counts.panicked++;
        expectEqual(
          JSON.stringify(snapshot(bank, market), replacer),
          JSON.stringify(state, replacer),
          'state after a panic',
        );
        return;
      }
      if (!result.ok) {
        counts.rejected++;
        expectEqual(
          JSON.stringify(snapshot(bank, market), replacer),
          JSON.stringify(state, replacer),
          'state after a rejection',
        );
        return;
      }
      counts.swapped++;
      checkConservation(before, readings(bank, offer.denom, askDenom, receiver), result.value);
      expectEqual(market.terraPoolDelta, result.value.terraPoolDeltaAfter, 'the delta is committed');
    }),
    propertyOptions(1000),
  );
  t.ok(counts.swapped > 500, `most cases swap (${JSON.stringify(counts)})`);
  t.ok(counts.rejected > 0, 'some cases are rejected');
});

function replacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

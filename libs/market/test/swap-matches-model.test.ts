// Property: every accepted swap produces exactly what an independent decimal.js restatement of
// spec §3.2–3.5 computes: the oracle amount through usdr, the spread, the fee, the post-fee output,
// the new delta and both minted coins.
import t from 'tap';
import fc from 'fast-check';
import * as dec from '@marketnode/dec';
import { createBank, mint } from '@marketnode/bank';
import { propertyOptions } from '@marketnode/testkit';
import { createMarketState, executeSwap } from '../src/index.js';
import { deltaArb, paramsArb, pricesArb, swapArb } from './fixtures/arbitraries.js';
import { scaled } from './fixtures/dec-model.js';
import { TRADER } from './fixtures/builders.js';
import { modelSwap } from './fixtures/swap-model.js';

const caseArb = paramsArb.chain((params) =>
  fc.record({
    params: fc.constant(params),
    delta: deltaArb(params.basePool),
    prices: pricesArb,
    swap: swapArb,
  }),
);

t.test('accepted swaps agree with the spec model to the last 10^-18', async (t) => {
  // Fails if the conversion goes straight from offer to ask instead of through usdr (one rounding
  // instead of two); if ret is the curve output askBase instead of the oracle amount; if the
  // MinStabilitySpread floor is skipped; if the delta moves by the pre-fee amount.
  let compared = 0;
  fc.assert(
    fc.property(caseArb, ({ params, delta, prices, swap }) => {
      const market = createMarketState(params, delta);
      const bank = createBank();
      mint(bank, TRADER, swap.offer.denom, swap.offer.amount);
      const result = executeSwap({ market, prices, bank }, { trader: TRADER, receiver: TRADER, ...swap });
      if (!result.ok) return;
      compared++;
      const expected = modelSwap(params, delta, prices, swap.offer, swap.askDenom);
      const o = result.value;
      const pairs = [
        ['ret', o.pricing.ret.amount, expected.ret],
        ['spread', o.pricing.spread, expected.spread],
        ['fee', o.feeDec, expected.fee],
        ['swapDec', o.swapDecAfterFee, expected.swapDec],
        ['delta', market.terraPoolDelta, expected.deltaAfter],
        ['swapCoin', dec.fromInt(o.swapCoin.amount), expected.swapCoin],
        ['feeCoin', dec.fromInt(o.feeCoin.amount), expected.feeCoin],
      ] as const;
      for (const [name, actual, model] of pairs) {
        if (actual !== scaled(model))
          throw new Error(`${name}: ${dec.format(actual)} vs model ${model.toFixed(18)}`);
      }
    }),
    propertyOptions(1000),
  );
  t.ok(compared > 500, `swaps compared (${compared})`);
});

// Spec §3.7 claims "Δ cannot reach −BasePool through swaps, because the post-fee ask is ≤ the CP
// output", i.e. the Terra pool BasePool + Δ stays positive. In exact arithmetic that is true. With
// sdk.Dec it holds only while the rounding of the 18-digit spread, multiplied by the offer's usdr
// value x, stays below the curve's margin cp / (lunaPool + x) ≈ BasePool² / x: a single offer of
// x ≳ 1.4·10^9 · BasePool from Δ = 0 can breach it (last test). The properties assert the claim on
// a domain that bounds each offer at 10^6 · BasePool, where the margin dwarfs the rounding.
import t from 'tap';
import fc from 'fast-check';
import * as dec from '@marketnode/dec';
import { DecDivisionByZeroPanic, type Dec } from '@marketnode/dec';
import { createBank, mint, MODULE_ACCOUNTS } from '@marketnode/bank';
import { propertyOptions } from '@marketnode/testkit';
import {
  createMarketState,
  DEFAULT_MARKET_PARAMS,
  executeSwap,
  replenishPools,
  type MarketParams,
  type PriceView,
} from '../src/index.js';
import {
  basePoolArb,
  deltaArb,
  OFFER_AMOUNT_MAX,
  paramsArb,
  pricesArb,
  rateArb,
  spreadArb,
  TERRA_DENOMS,
} from './fixtures/arbitraries.js';
import * as model from './fixtures/dec-model.js';
import { TRADER, pricesOf } from './fixtures/builders.js';

t.test('a Terra->Luna swap raises the delta by exactly the offer in usdr', async (t) => {
  // Fails if ApplySwapToPool subtracts the offer's usdr value on Terra->Luna instead of adding it.
  let swapped = 0;
  const caseArb = paramsArb.chain((params) =>
    fc.record({
      params: fc.constant(params),
      delta: deltaArb(params.basePool),
      prices: pricesArb,
      offerDenom: fc.constantFrom(...TERRA_DENOMS),
      amount: fc.bigInt({ min: 1n, max: OFFER_AMOUNT_MAX }),
    }),
  );
  fc.assert(
    fc.property(caseArb, (c) => {
      const market = createMarketState(c.params, c.delta);
      const bank = createBank();
      mint(bank, TRADER, c.offerDenom, c.amount);
      const offer = { denom: c.offerDenom, amount: c.amount };
      const result = executeSwap(
        { market, prices: c.prices, bank },
        { trader: TRADER, receiver: TRADER, offer, askDenom: 'uluna' },
      );
      if (!result.ok) return;
      swapped++;
      const raise = market.terraPoolDelta - c.delta;
      if (raise !== result.value.pricing.baseOfferUsdr || raise <= 0n)
        throw new Error(`delta moved by ${raise}`);
    }),
    propertyOptions(),
  );
  t.ok(swapped > 250, `most cases swap (${swapped})`);
});

interface Step {
  readonly kind: 'lunaToTerra' | 'terraToLuna' | 'replenish';
  readonly terraDenom: string;
  /** The offer's usdr value is BasePool · mantissa · 10^exponent / 10^9: from 10^-9 to 10^6 BasePools. */
  readonly mantissa: bigint;
  readonly exponent: bigint;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom('lunaToTerra', 'terraToLuna', 'replenish'),
  terraDenom: fc.constantFrom(...TERRA_DENOMS),
  mantissa: fc.bigInt({ min: 1n, max: 1000n }),
  exponent: fc.bigInt({ min: 0n, max: 12n }),
});

/** The offer, in micro units of its denom, worth about `step`'s share of the base pool. */
function offerOf(step: Step, params: MarketParams, prices: PriceView): { denom: string; amount: bigint } {
  const usdrRate = prices.exchangeRates.get('usdr') as Dec;
  const valueScaled = (params.basePool * step.mantissa * 10n ** step.exponent) / 10n ** 9n;
  const denom = step.kind === 'lunaToTerra' ? 'uluna' : step.terraDenom;
  const perLuna = denom === 'uluna' ? dec.ONE : (prices.exchangeRates.get(denom) as Dec);
  const amount = (valueScaled * perLuna) / (usdrRate * dec.SCALE);
  return { denom, amount: amount < 1n ? 1n : amount > OFFER_AMOUNT_MAX ? OFFER_AMOUNT_MAX : amount };
}

t.test('any sequence of swaps and replenishments keeps the Terra pool positive', async (t) => {
  // Fails if ApplySwapToPool moves the delta by the pre-fee ask (as before PR #360): a Luna->Terra
  // swap worth more than the Terra pool then takes the delta below -BasePool.
  const scenarioArb = fc.record({
    params: fc.record({
      basePool: basePoolArb,
      poolRecoveryPeriod: fc.bigInt({ min: 1n, max: 100_000n }),
      minStabilitySpread: spreadArb,
      zeroSwapCoinCheck: fc.boolean(),
    }),
    rates: fc.tuple(...TERRA_DENOMS.map(() => rateArb)),
    steps: fc.array(stepArb, { minLength: 1, maxLength: 40, size: 'max' }),
  });
  const seen = { swaps: 0, nearFloor: 0 };
  fc.assert(
    fc.property(scenarioArb, ({ params, rates, steps }) => {
      const market = createMarketState(params);
      const prices = {
        exchangeRates: new Map(TERRA_DENOMS.map((denom, i) => [denom, rates[i] as Dec])),
        tobinTaxes: new Map(),
      };
      const bank = createBank();
      for (const denom of ['uluna', ...TERRA_DENOMS]) mint(bank, TRADER, denom, 1n << 110n);
      for (const step of steps) {
        if (step.kind === 'replenish') replenishPools(market);
        else {
          const offer = offerOf(step, params, prices);
          const askDenom = step.kind === 'lunaToTerra' ? step.terraDenom : 'uluna';
          if (
            executeSwap(
              { market, prices, bank },
              { trader: TRADER, receiver: MODULE_ACCOUNTS.distribution, offer, askDenom },
            ).ok
          )
            seen.swaps++;
        }
        const terraPool = params.basePool + market.terraPoolDelta;
        if (terraPool <= 0n)
          throw new Error(`Terra pool ${dec.format(dec.fromScaled(terraPool))} after ${step.kind}`);
        if (terraPool * 1000n < params.basePool) seen.nearFloor++;
      }
    }),
    propertyOptions(500),
  );
  t.ok(seen.swaps > 1000, `swaps executed (${seen.swaps})`);
  t.ok(seen.nearFloor > 50, `steps that left the Terra pool below BasePool / 1000 (${seen.nearFloor})`);
});

t.test(
  'outside that domain rounding breaks the claim: one 10^16 LUNA swap empties the Terra pool',
  async (t) => {
    // Given the default BasePool (1M SDR), Δ = 0 and 1 usdr per uluna.
    const market = createMarketState(DEFAULT_MARKET_PARAMS);
    const prices = pricesOf({ usdr: '1' });
    const bank = createBank();
    mint(bank, TRADER, 'uluna', 2n * 10n ** 22n);
    // When 10^22 uluna is swapped for usdr.
    const offer = { denom: 'uluna', amount: 10n ** 22n };
    const result = executeSwap(
      { market, prices, bank },
      { trader: TRADER, receiver: TRADER, offer, askDenom: 'usdr' },
    );
    t.ok(result.ok);
    // Then, as an independent model of the spec's formulas computes: the spread 1 − 10^-10 + 10^-20
    // rounds to 1 − 10^-10, which gives away the curve's whole 100 usdr margin, and Δ = −BasePool.
    const B = model.value(market.params.basePool);
    const x = model.integer(offer.amount);
    const askBase = B.minus(model.quo(model.mul(B, B), B.plus(x)));
    const spread = model.quo(x.minus(askBase), x);
    const swapDec = x.minus(model.mul(spread, x));
    t.equal(market.terraPoolDelta, model.scaled(swapDec.neg()));
    t.equal(market.terraPoolDelta, dec.sub(dec.ZERO, market.params.basePool), 'Δ = −BasePool exactly');
    t.ok(swapDec.gt(askBase), 'the post-fee ask exceeds the curve output');
    // And the next Terra<->Luna swap divides by the empty Terra pool: the reference panics.
    t.throws(
      () =>
        executeSwap(
          { market, prices, bank },
          { trader: TRADER, receiver: TRADER, offer: { denom: 'uluna', amount: 1n }, askDenom: 'usdr' },
        ),
      DecDivisionByZeroPanic,
    );
  },
);

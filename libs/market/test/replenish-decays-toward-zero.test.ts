// Property: ReplenishPools moves the delta toward zero and never past it, for every period the
// reference treats as positive (1 to 2^63 − 1; larger uint64 periods wrap negative in its int64
// cast, see replenish-pools.test.ts), and it is exactly Δ − trunc(Δ / PRP) at 18 decimals.
import t from 'tap';
import fc from 'fast-check';
import * as dec from '@marketnode/dec';
import { propertyOptions } from '@marketnode/testkit';
import { createMarketState, DEFAULT_MARKET_PARAMS, replenishPools } from '../src/index.js';
import * as model from './fixtures/dec-model.js';

const INT64_MAX = (1n << 63n) - 1n;

const deltaArb = fc
  .oneof(
    fc.bigInt({ min: -(1n << 200n), max: 1n << 200n }),
    fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
    fc.bigInt({ min: -1000n, max: 1000n }),
  )
  .map(dec.fromScaled);
const periodArb = fc.oneof(
  fc.bigInt({ min: 1n, max: 100n }),
  fc.bigInt({ min: 1n, max: 1_000_000n }),
  fc.bigInt({ min: 1n, max: INT64_MAX }),
);

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

t.test('each block the delta keeps its sign or reaches zero, and its magnitude never grows', async (t) => {
  // Fails if the regression is added instead of subtracted (|Δ| grows), or if it overshoots, e.g.
  // subtracting twice the regression (Δ − 2·Δ/PRP crosses zero when PRP = 1).
  let reachedZero = 0;
  fc.assert(
    fc.property(deltaArb, periodArb, fc.integer({ min: 1, max: 20 }), (delta, period, blocks) => {
      const market = createMarketState({ ...DEFAULT_MARKET_PARAMS, poolRecoveryPeriod: period }, delta);
      for (let block = 0; block < blocks; block++) {
        const before = market.terraPoolDelta;
        const regression = replenishPools(market);
        const after = market.terraPoolDelta;
        if (after !== 0n && after > 0n !== before > 0n)
          throw new Error(`crossed zero: ${before} -> ${after}`);
        if (abs(after) > abs(before)) throw new Error(`grew: ${before} -> ${after}`);
        if (before - regression !== after)
          throw new Error('the returned regression is not what was subtracted');
      }
      if (market.terraPoolDelta === dec.ZERO) reachedZero++;
    }),
    propertyOptions(),
  );
  t.ok(reachedZero > 0, `some deltas decay to zero (${reachedZero})`);
});

t.test(
  'one block is exactly Δ − trunc(Δ / PRP) at 18 decimals (an independent decimal.js model)',
  async (t) => {
    // Fails if the regression uses Quo (half-even rounding) or floors negatives instead of QuoInt64's
    // truncation toward zero.
    fc.assert(
      fc.property(deltaArb, periodArb, (delta, period) => {
        const market = createMarketState({ ...DEFAULT_MARKET_PARAMS, poolRecoveryPeriod: period }, delta);
        replenishPools(market);
        const exact = model.value(delta);
        const expected = exact.minus(model.quoInt(exact, model.integer(period)));
        return market.terraPoolDelta === model.scaled(expected);
      }),
      propertyOptions(),
    );
    t.pass('replenishment agrees with the model');
  },
);

// The market params: the v0.5.18 defaults of spec §3.1 and the reference's validation rules.
import t from 'tap';
import * as dec from '@marketnode/dec';
import {
  createMarketState,
  DEFAULT_MARKET_PARAMS,
  LUNA_DENOM,
  MICRO_UNIT,
  POOL_RECOVERY_PERIOD_MAX,
  SDR_DENOM,
  validateMarketParams,
} from '../src/index.js';
import { d } from './fixtures/builders.js';

t.test('the defaults are those of v0.5.18 (spec §3.1)', async (t) => {
  // Given the code defaults; then they print as the spec's table.
  t.equal(dec.format(DEFAULT_MARKET_PARAMS.basePool), '1000000000000.000000000000000000');
  t.equal(DEFAULT_MARKET_PARAMS.poolRecoveryPeriod, 14_400n);
  t.equal(dec.format(DEFAULT_MARKET_PARAMS.minStabilitySpread), '0.020000000000000000');
  t.equal(DEFAULT_MARKET_PARAMS.zeroSwapCoinCheck, false);
  t.same(validateMarketParams(DEFAULT_MARKET_PARAMS), []);
});

t.test('the denoms and the micro unit are those of spec §1', async (t) => {
  t.equal(LUNA_DENOM, 'uluna');
  t.equal(SDR_DENOM, 'usdr');
  t.equal(MICRO_UNIT, 1_000_000n);
});

t.test('a zero base pool, a one-block period and the spread bounds 0 and 1 are valid', async (t) => {
  for (const minStabilitySpread of [d('0'), d('1')]) {
    const params = { ...DEFAULT_MARKET_PARAMS, basePool: d('0'), poolRecoveryPeriod: 1n, minStabilitySpread };
    t.same(validateMarketParams(params), [], `min spread ${dec.format(minStabilitySpread)}`);
  }
  t.same(
    validateMarketParams({ ...DEFAULT_MARKET_PARAMS, poolRecoveryPeriod: POOL_RECOVERY_PERIOD_MAX }),
    [],
  );
});

t.test('each broken rule is reported in the reference words', async (t) => {
  // Given params that break every rule at once; when validated; then every problem is listed.
  const problems = validateMarketParams({
    basePool: d('-1'),
    poolRecoveryPeriod: 0n,
    minStabilitySpread: d('1.000000000000000001'),
    zeroSwapCoinCheck: false,
  });
  t.same(problems, [
    'mint base pool should be positive or zero, is -1.000000000000000000',
    'pool recovery period should be positive, is 0',
    'market minimum stability spead should be a value between [0,1], is 1.000000000000000001',
  ]);
  t.same(validateMarketParams({ ...DEFAULT_MARKET_PARAMS, minStabilitySpread: d('-0.000000000000000001') }), [
    'market minimum stability spead should be a value between [0,1], is -0.000000000000000001',
  ]);
  t.same(
    validateMarketParams({ ...DEFAULT_MARKET_PARAMS, poolRecoveryPeriod: POOL_RECOVERY_PERIOD_MAX + 1n }),
    ['pool recovery period should fit in a uint64, is 18446744073709551616'],
  );
});

t.test('a market state cannot be created with invalid params', async (t) => {
  t.throws(() => createMarketState({ ...DEFAULT_MARKET_PARAMS, poolRecoveryPeriod: 0n }), RangeError);
  const market = createMarketState(DEFAULT_MARKET_PARAMS);
  t.equal(market.terraPoolDelta, dec.ZERO, 'the delta is absent, so zero, until first set');
});

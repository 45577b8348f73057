// ReplenishPools (spec §3.6): delta -= delta.QuoInt64(PRP) every block, truncated toward zero.
import t from 'tap';
import * as dec from '@marketnode/dec';
import { replenishPools } from '../src/index.js';
import { d, marketOf } from './fixtures/builders.js';

t.test('one block with PRP 14400 (spec §3.6 example, abci test)', async (t) => {
  const market = marketOf({ poolRecoveryPeriod: 14_400n }, '17987573223725.367');
  replenishPools(market);
  t.equal(dec.format(market.terraPoolDelta), '17986324086695.941627291666666667');
});

t.test('the regression is truncated toward zero, so signs mirror (vectors replenish_pools.*)', async (t) => {
  for (const sign of ['', '-']) {
    const market = marketOf({ poolRecoveryPeriod: 14_400n }, `${sign}69444444.444444444444444444`);
    const regression = replenishPools(market);
    t.equal(dec.format(regression), `${sign}4822.530864197530864197`);
    t.equal(dec.format(market.terraPoolDelta), `${sign}69439621.913580246913580247`);
  }
});

t.test('a period of one block resets the delta to zero; a zero delta stays zero', async (t) => {
  const market = marketOf({ poolRecoveryPeriod: 1n }, '-123.000000000000000001');
  replenishPools(market);
  t.equal(market.terraPoolDelta, dec.ZERO);
  t.equal(replenishPools(market), dec.ZERO);
  t.equal(market.terraPoolDelta, dec.ZERO);
});

t.test('a delta smaller than the period in the last digit never decays (truncation)', async (t) => {
  const market = marketOf({ poolRecoveryPeriod: 36n }, '0.000000000000000035');
  t.equal(replenishPools(market), dec.ZERO);
  t.equal(market.terraPoolDelta, d('0.000000000000000035'));
});

t.test('the reference casts the uint64 period to int64: 2^63 and above reverse the decay', async (t) => {
  // Given PRP = 2^64 - 1, which int64() turns into -1; then the regression is -delta and it doubles.
  const market = marketOf({ poolRecoveryPeriod: (1n << 64n) - 1n }, '100');
  t.equal(replenishPools(market), d('-100'));
  t.equal(market.terraPoolDelta, d('200'));
  // Given PRP = 2^63 - 1, the largest that stays positive; then an ordinary (tiny) regression.
  const largest = marketOf({ poolRecoveryPeriod: (1n << 63n) - 1n }, '100');
  replenishPools(largest);
  t.equal(largest.terraPoolDelta, d('99.999999999999999990'));
});

// ApplySwapToPool (spec §3.4): the delta moves by the offer's usdr value (Terra->Luna) or by the
// post-fee ask's usdr value (Luna->Terra), never for Terra<->Terra; the state is not mutated.
import t from 'tap';
import * as dec from '@marketnode/dec';
import { applySwapToPool } from '../src/index.js';
import { d, decMap, marketOf } from './fixtures/builders.js';

const rates = decMap({ usdr: '1.7' });

t.test('Luna->Terra subtracts the ask valued in usdr (vector luna_to_terra)', async (t) => {
  const market = marketOf({}, '0');
  const result = applySwapToPool(market, rates, dec.parseCoin('1000uluna'), dec.parseDecCoin('1700usdr'));
  t.ok(result.ok && dec.format(result.value) === '-1700.000000000000000000');
  t.equal(market.terraPoolDelta, dec.ZERO, 'the market is not mutated');
});

t.test('Terra->Luna adds the offer valued in usdr (vector terra_to_luna)', async (t) => {
  const market = marketOf({}, '-1700');
  const result = applySwapToPool(market, rates, dec.parseCoin('1700usdr'), dec.parseDecCoin('1000uluna'));
  t.ok(result.ok && result.value === dec.ZERO);
});

t.test('Terra<->Terra changes nothing and looks up no rate (vector terra_to_terra)', async (t) => {
  const market = marketOf({}, '123.456');
  const result = applySwapToPool(market, new Map(), dec.parseCoin('1700usdr'), dec.parseDecCoin('3400ukrw'));
  t.ok(result.ok && result.value === d('123.456'));
});

t.test('Luna->Terra re-values a non-usdr ask through the oracle', async (t) => {
  // Given uusd 80 and usdr 60 per uluna; when 796,000,000,000 uusd was paid; then delta -= 597e9.
  const market = marketOf({}, '2500000000000');
  const result = applySwapToPool(
    market,
    decMap({ uusd: '80', usdr: '60' }),
    dec.parseCoin('10000000000uluna'),
    dec.parseDecCoin('796000000000uusd'),
  );
  t.ok(result.ok && dec.format(result.value) === '1903000000000.000000000000000000');
});

t.test('a zero post-fee ask fails in uusd but is a no-op in usdr (spec §3.4)', async (t) => {
  // Given a 100% spread left nothing to pay; when the ask is uusd; then ErrInvalidCoins (v0.5.20 swap kill).
  const market = marketOf();
  const zeroUusd = applySwapToPool(
    market,
    decMap({ uusd: '80', usdr: '60' }),
    dec.parseCoin('1000000uluna'),
    { denom: 'uusd', amount: dec.ZERO },
  );
  t.match(zeroUusd, {
    ok: false,
    error: { name: 'ErrInvalidCoins', message: '0.000000000000000000uusd: invalid coins' },
  });
  // When the ask is usdr; then the identity conversion returns zero and the delta stays.
  const zeroUsdr = applySwapToPool(market, decMap({ usdr: '60' }), dec.parseCoin('1000000uluna'), {
    denom: 'usdr',
    amount: dec.ZERO,
  });
  t.ok(zeroUsdr.ok && zeroUsdr.value === dec.ZERO);
});

t.test('a missing rate fails with ErrNoEffectivePrice', async (t) => {
  const result = applySwapToPool(
    marketOf(),
    decMap({ usdr: '1' }),
    dec.parseCoin('10ukrw'),
    dec.parseDecCoin('1uluna'),
  );
  t.match(result, {
    ok: false,
    error: { name: 'ErrNoEffectivePrice', message: 'ukrw: no price registered with oracle' },
  });
});

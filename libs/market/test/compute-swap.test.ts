// ComputeSwap (spec §3.3): the oracle-rate amount and the spread, for Terra<->Terra and Terra<->Luna.
import t from 'tap';
import * as dec from '@marketnode/dec';
import { DecDivisionByZeroPanic } from '@marketnode/dec';
import { computeSwap, InvalidDenomPanic } from '../src/index.js';
import * as model from './fixtures/dec-model.js';
import { d, MAY_2022_PARAMS, MAY_2022_PRICES, marketOf, pricesOf } from './fixtures/builders.js';

const coin = dec.parseCoin;

t.test('worked example: 10 uluna to usdr with zero min spread (spec §3.5 table)', async (t) => {
  // Given rate usdr = 1700, BasePool 1e12, delta 0, min spread 0; when 10uluna is priced in usdr.
  const market = marketOf({ minStabilitySpread: d('0') });
  const result = computeSwap(market, pricesOf({ usdr: '1700', ukrw: '1700' }), coin('10uluna'), 'usdr');
  t.ok(result.ok);
  if (!result.ok) return;
  // Then the spec's quantities.
  const { ret, spread, baseOfferUsdr, curve } = result.value;
  t.equal(dec.format(baseOfferUsdr), '17000.000000000000000000');
  t.equal(
    dec.formatDecCoin(ret),
    '17000.000000000000000000usdr',
    'ret is the oracle amount, not the curve output',
  );
  t.equal(dec.format(curve?.askBaseUsdr ?? dec.ZERO), '16999.999711000004913000');
  t.equal(dec.format(spread), '0.000000016999999711');
  t.equal(dec.format(curve?.cpSpread ?? dec.ZERO), '0.000000016999999711');
  t.equal(dec.format(curve?.cp ?? dec.ZERO), '1000000000000000000000000.000000000000000000');
  t.equal(curve?.terraPool, d('1000000000000'));
  t.equal(curve?.lunaPool, d('1000000000000'));
});

t.test(
  'with a zero delta the curve spread is x / (B + x) in both directions (spec closed form)',
  async (t) => {
    // Given delta 0; when offers of several sizes go either way; then the spread is the closed form
    // up to the two roundings of Quo (a few units of the 18th decimal).
    const market = marketOf({ minStabilitySpread: d('0') });
    const prices = pricesOf({ usdr: '1' });
    const B = model.value(market.params.basePool);
    for (const amount of [1n, 17_000n, 10n ** 9n, 10n ** 12n, 10n ** 15n]) {
      for (const [offer, ask] of [
        ['uluna', 'usdr'],
        ['usdr', 'uluna'],
      ] as const) {
        const result = computeSwap(market, prices, { denom: offer, amount }, ask);
        if (!result.ok) {
          t.fail(result.error.message);
          continue;
        }
        const x = model.integer(amount);
        const closedForm = x.div(B.plus(x));
        const error = model.value(result.value.spread).minus(closedForm).abs();
        t.ok(
          error.lte('3e-18'),
          `${amount}${offer}: spread ${dec.format(result.value.spread)} vs ${closedForm.toFixed(20)}`,
        );
      }
    }
  },
);

t.test('Terra<->Terra charges the larger tobin tax and no curve (vector max_tobin)', async (t) => {
  // Given usdr 1.7, umnt 765.2, tobin usdr 0.25% and umnt 0.5%; when 8500usdr is priced in umnt.
  const prices = pricesOf({ usdr: '1.7', umnt: '765.2' }, { usdr: '0.0025', umnt: '0.005' });
  const market = marketOf();
  const forward = computeSwap(market, prices, coin('8500usdr'), 'umnt');
  t.ok(forward.ok);
  if (!forward.ok) return;
  t.equal(dec.formatDecCoin(forward.value.ret), '3826000.000000000000000000umnt');
  t.equal(dec.format(forward.value.spread), '0.005000000000000000');
  t.equal(forward.value.curve, undefined, 'the pools play no part');
  // And the other way round, the larger tax is the offer's.
  const backward = computeSwap(market, prices, coin('1000umnt'), 'usdr');
  t.ok(backward.ok && backward.value.spread === d('0.005'));
});

t.test('Terra<->Terra ignores MinStabilitySpread, even a zero tobin tax below it', async (t) => {
  const prices = pricesOf({ usdr: '1700', ukrw: '1700' }, { usdr: '0', ukrw: '0' });
  const result = computeSwap(marketOf({ minStabilitySpread: d('0.02') }), prices, coin('10usdr'), 'ukrw');
  t.ok(
    result.ok &&
      result.value.spread === dec.ZERO &&
      dec.format(result.value.ret.amount) === '10.000000000000000000',
  );
});

t.test('a missing tobin tax fails with ErrNoTobinTax, the offer denom looked up first', async (t) => {
  // Given neither denom is a vote target; then the offer's is the one named.
  const prices = pricesOf({ usdr: '1.7', ukrw: '2000', umnt: '700' }, { usdr: '0.0025' });
  const neither = computeSwap(marketOf(), prices, coin('100ukrw'), 'umnt');
  t.match(neither, {
    ok: false,
    error: { name: 'ErrNoTobinTax', codespace: 'oracle', abciCode: 13, message: 'ukrw: no tobin tax' },
  });
  // Given only the ask denom lacks one; then the ask's is named.
  const askOnly = computeSwap(marketOf(), prices, coin('100usdr'), 'umnt');
  t.match(askOnly, { ok: false, error: { message: 'umnt: no tobin tax' } });
  // Given Terra<->Luna; then tobin taxes are never read.
  t.ok(computeSwap(marketOf(), prices, coin('100umnt'), 'uluna').ok);
});

t.test('conversions pass through usdr, so a missing usdr rate fails every swap', async (t) => {
  const prices = pricesOf({ uusd: '80', ukrw: '95000' }, { uusd: '0.0025', ukrw: '0.0025' });
  for (const [offer, ask] of [
    ['1uluna', 'uusd'],
    ['1uusd', 'ukrw'],
    ['1uusd', 'uluna'],
  ] as const) {
    const result = computeSwap(marketOf(), prices, coin(offer), ask);
    t.match(
      result,
      { ok: false, error: { name: 'ErrNoEffectivePrice', message: 'usdr: no price registered with oracle' } },
      offer,
    );
  }
});

t.test('the two rounding steps through usdr are kept (not a direct offer->ask conversion)', async (t) => {
  // Given rates where rounding at usdr shows: ukrw 3, umnt 7, usdr 11; when 1ukrw is priced in umnt.
  const prices = pricesOf({ ukrw: '3', umnt: '7', usdr: '11' }, { ukrw: '0', umnt: '0' });
  const result = computeSwap(marketOf(), prices, coin('1ukrw'), 'umnt');
  // Then the amount is Quo(Mul(Quo(Mul(1, 11), 3), 7), 11), computed here independently.
  const usdr = model.quo(model.mul(model.integer(1n), model.integer(11n)), model.integer(3n));
  const viaUsdr = model.quo(model.mul(usdr, model.integer(7n)), model.integer(11n));
  const direct = model.quo(model.integer(7n), model.integer(3n));
  t.not(viaUsdr.toString(), direct.toString(), 'the example does distinguish the two');
  t.ok(result.ok && result.value.ret.amount === model.scaled(viaUsdr));
});

t.test('the min spread floors the curve spread, a negative one included, and nothing caps it', async (t) => {
  // Given May-2022 params and delta +2.5M SDR; when 10,000 LUNA is priced in uusd (vector).
  const inflated = marketOf(MAY_2022_PARAMS, '2500000000000');
  const floored = computeSwap(inflated, MAY_2022_PRICES, coin('10000000000uluna'), 'uusd');
  t.ok(floored.ok);
  if (!floored.ok) return;
  t.equal(dec.format(floored.value.curve?.cpSpread ?? dec.ZERO), '-0.088781354927908355');
  t.equal(dec.format(floored.value.spread), '0.005000000000000000');
  t.equal(dec.format(floored.value.curve?.lunaPool ?? dec.ZERO), '47619047619047.619047619047619048');
  // Given an empty pool; when 1M UST is priced in uluna; then the curve spread above the floor stands.
  const empty = computeSwap(marketOf(MAY_2022_PARAMS), MAY_2022_PRICES, coin('1000000000000uusd'), 'uluna');
  t.ok(empty.ok && dec.format(empty.value.spread) === '0.014778325123152709');
  t.ok(empty.ok && dec.format(empty.value.ret.amount) === '12500000000.000000000000000000');
});

t.test('a recursive swap fails first, before any lookup', async (t) => {
  const result = computeSwap(marketOf(), pricesOf({}), coin('10uluna'), 'uluna');
  t.match(result, {
    ok: false,
    error: { name: 'ErrRecursiveSwap', codespace: 'market', abciCode: 2, message: 'uluna: recursive swap' },
  });
});

t.test(
  'a zero offer fails with ErrInvalidCoins in the second conversion (vector zero_offer_error)',
  async (t) => {
    const result = computeSwap(marketOf(), pricesOf({ usdr: '1.7' }), coin('0usdr'), 'uluna');
    t.match(result, {
      ok: false,
      error: { name: 'ErrInvalidCoins', message: '0.000000000000000000usdr: invalid coins' },
    });
  },
);

t.test('the reference panics become DecPanics: an empty base pool, a malformed offer denom', async (t) => {
  // Given BasePool 0 and delta 0 (spec §3.7 hazard); then the Luna pool divides by zero.
  const empty = marketOf({ basePool: d('0') });
  t.throws(
    () => computeSwap(empty, pricesOf({ usdr: '1' }), coin('10uluna'), 'usdr'),
    DecDivisionByZeroPanic,
  );
  // Given a denom NewDecCoinFromCoin rejects; then it panics rather than reporting a missing price.
  t.throws(
    () => computeSwap(marketOf(), pricesOf({ usdr: '1' }), { denom: 'x', amount: 1n }, 'usdr'),
    InvalidDenomPanic,
  );
});

t.test('the constant product follows the base pool when params change between swaps', async (t) => {
  // Given two markets with different base pools, priced alternately (the product is remembered).
  const small = marketOf({ basePool: d('1000') });
  const large = marketOf({ basePool: d('3000') });
  const prices = pricesOf({ usdr: '1700', ukrw: '1700' });
  for (const [market, cp] of [
    [small, '1000000.000000000000000000'],
    [large, '9000000.000000000000000000'],
    [small, '1000000.000000000000000000'],
  ] as const) {
    const result = computeSwap(market, prices, coin('10uluna'), 'usdr');
    // Then each pricing uses its own BasePool².
    t.equal(result.ok ? dec.format(result.value.curve?.cp ?? dec.ZERO) : 'rejected', cp);
  }
});

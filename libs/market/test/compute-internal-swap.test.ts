// ComputeInternalSwap (spec §3.2): the oracle conversion without spread, and its failures.
import t from 'tap';
import * as dec from '@marketnode/dec';
import { computeInternalSwap, lunaExchangeRate } from '../src/index.js';
import { d, decMap } from './fixtures/builders.js';

const rates = decMap({ usdr: '1.7' });

t.test('uluna is always worth exactly 1, any other denom needs a stored rate', async (t) => {
  t.equal(lunaExchangeRate(new Map(), 'uluna'), dec.ONE);
  t.equal(lunaExchangeRate(decMap({ uluna: '5' }), 'uluna'), dec.ONE, 'a stored uluna rate is never read');
  t.equal(lunaExchangeRate(rates, 'usdr'), d('1.7'));
  t.equal(lunaExchangeRate(rates, 'ukrw'), undefined);
});

t.test('usdr to uluna is offer · 1 / 1.7 with Quo rounding (vector literals)', async (t) => {
  // Given rate usdr = 1.7; when converting the vector offers to uluna; then the vector literals.
  const cases = [
    ['3.000000000000000000usdr', '1.764705882352941176'],
    ['8500.000000000000000000usdr', '5000.000000000000000000'],
    ['17001.000000000000000000usdr', '10000.588235294117647059'],
  ] as const;
  for (const [offer, expected] of cases) {
    const result = computeInternalSwap(rates, dec.parseDecCoin(offer), 'uluna');
    t.ok(result.ok && dec.format(result.value.amount) === expected && result.value.denom === 'uluna', offer);
  }
});

t.test('the same denom returns the offer unchanged with no lookup and no positivity check', async (t) => {
  const zero = { denom: 'ufoo', amount: dec.ZERO };
  const result = computeInternalSwap(new Map(), zero, 'ufoo');
  t.ok(result.ok);
  if (result.ok) t.equal(result.value, zero);
});

t.test(
  'a missing rate fails with ErrNoEffectivePrice naming the offer denom first, then the ask denom',
  async (t) => {
    const offerMissing = computeInternalSwap(rates, dec.parseDecCoin('1ukrw'), 'umnt');
    t.match(offerMissing, {
      ok: false,
      error: { name: 'ErrNoEffectivePrice', message: 'ukrw: no price registered with oracle' },
    });
    const askMissing = computeInternalSwap(rates, dec.parseDecCoin('1usdr'), 'umnt');
    t.match(askMissing, {
      ok: false,
      error: { name: 'ErrNoEffectivePrice', message: 'umnt: no price registered with oracle' },
    });
  },
);

t.test(
  'a result that is not positive fails with ErrInvalidCoins naming the offer (spec §3.2 step 4)',
  async (t) => {
    // Given a zero usdr offer; when converted to uluna; then the spec's literal message.
    const zero = computeInternalSwap(rates, { denom: 'usdr', amount: dec.ZERO }, 'uluna');
    t.match(zero, {
      ok: false,
      error: {
        name: 'ErrInvalidCoins',
        codespace: 'sdk',
        abciCode: 10,
        message: '0.000000000000000000usdr: invalid coins',
      },
    });
    // Given an offer so small that it rounds to zero in the ask denom; then the same failure.
    const tiny = computeInternalSwap(
      decMap({ ukrw: '1000' }),
      { denom: 'ukrw', amount: dec.fromScaled(1n) },
      'uluna',
    );
    t.match(tiny, { ok: false, error: { message: '0.000000000000000001ukrw: invalid coins' } });
  },
);

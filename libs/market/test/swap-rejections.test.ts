// Every way a swap can fail leaves the state as it was: given a state, when a failing swap is
// executed, then the expected rejection (or reference panic) and every balance, supply and the
// delta deep-equal to before.
import t from 'tap';
import * as dec from '@marketnode/dec';
import { DecDivisionByZeroPanic, DecOverflowPanic, type Coin } from '@marketnode/dec';
import type { BankState } from '@marketnode/bank';
import {
  executeSwap,
  InvalidDenomPanic,
  NegativeCoinAmountPanic,
  type MarketParams,
  type MarketState,
  type PriceView,
} from '../src/index.js';
import {
  bankWith,
  d,
  MAY_2022_PARAMS,
  MAY_2022_PRICES,
  marketOf,
  snapshot,
  TRADER,
  type TestContext,
} from './fixtures/builders.js';

interface Given {
  readonly market: MarketState;
  readonly prices: PriceView;
  readonly bank: BankState;
}

function given(
  options: { params?: Partial<MarketParams>; prices?: PriceView; holdings?: Record<string, bigint> } = {},
): Given {
  return {
    market: marketOf({ ...MAY_2022_PARAMS, ...options.params }, '1234.5'),
    prices: options.prices ?? MAY_2022_PRICES,
    bank: bankWith({
      [TRADER]: options.holdings ?? { uluna: 10n ** 15n, uusd: 10n ** 15n },
      other: { ukrw: 7n },
    }),
  };
}

const swapOf = (offer: Coin | string, askDenom: string) => ({
  trader: TRADER,
  receiver: TRADER,
  offer: typeof offer === 'string' ? dec.parseCoin(offer) : offer,
  askDenom,
});

type Expected = { readonly name: string; readonly message?: string };

function rejects(t: TestContext, state: Given, msg: ReturnType<typeof swapOf>, expected: Expected): void {
  const before = snapshot(state.bank, state.market);
  const result = executeSwap(state, msg);
  t.match(result, { ok: false, error: expected }, `rejected with ${expected.name}`);
  t.same(snapshot(state.bank, state.market), before, 'bank and delta unchanged');
}

function panics(
  t: TestContext,
  state: Given,
  msg: ReturnType<typeof swapOf>,
  panic: new (...args: never[]) => Error,
): void {
  const before = snapshot(state.bank, state.market);
  t.throws(() => executeSwap(state, msg), panic, `panics with ${panic.name}`);
  t.same(snapshot(state.bank, state.market), before, 'bank and delta unchanged');
}

t.test('a zero offer: ErrInvalidCoins', async (t) => {
  rejects(t, given(), swapOf('0uluna', 'uusd'), {
    name: 'ErrInvalidCoins',
    message: '0uluna: invalid coins',
  });
});

t.test('an offer of more than 100 bits: ErrInvalidCoins', async (t) => {
  const offer = { denom: 'uluna', amount: 1n << 100n };
  rejects(t, given(), swapOf(offer, 'uusd'), {
    name: 'ErrInvalidCoins',
    message: `${1n << 100n}uluna: invalid coins`,
  });
});

t.test('a recursive swap: ErrRecursiveSwap', async (t) => {
  rejects(t, given(), swapOf('10uluna', 'uluna'), {
    name: 'ErrRecursiveSwap',
    message: 'uluna: recursive swap',
  });
});

t.test('no rate for the offer, the ask, or usdr: ErrNoEffectivePrice', async (t) => {
  rejects(t, given({ holdings: { ueur: 100n } }), swapOf('100ueur', 'uusd'), {
    name: 'ErrNoEffectivePrice',
    message: 'ueur: no price registered with oracle',
  });
  rejects(t, given(), swapOf('100uusd', 'ueur'), {
    name: 'ErrNoEffectivePrice',
    message: 'ueur: no price registered with oracle',
  });
  const noSdr = { exchangeRates: new Map([['uusd', d('80')]]), tobinTaxes: MAY_2022_PRICES.tobinTaxes };
  rejects(t, given({ prices: noSdr }), swapOf('100uluna', 'uusd'), {
    name: 'ErrNoEffectivePrice',
    message: 'usdr: no price registered with oracle',
  });
});

t.test('a Terra denom that is not a vote target: ErrNoTobinTax', async (t) => {
  const prices = {
    exchangeRates: MAY_2022_PRICES.exchangeRates,
    tobinTaxes: new Map([['uusd', d('0.0025')]]),
  };
  rejects(t, given({ prices }), swapOf('100uusd', 'ukrw'), {
    name: 'ErrNoTobinTax',
    message: 'ukrw: no tobin tax',
  });
});

t.test('an offer worth nothing in the ask denom: ErrInvalidCoins from the conversion', async (t) => {
  // Given 1 ukrw is worth 60/95000 usdr; when asked in uluna at 1e-18 precision it is still positive,
  // so use a rate that makes the usdr value round to zero.
  const prices = {
    exchangeRates: new Map([
      ['usdr', d('0.000000000000000001')],
      ['ukrw', d('95000')],
    ]),
    tobinTaxes: MAY_2022_PRICES.tobinTaxes,
  };
  rejects(t, given({ prices, holdings: { ukrw: 1n } }), swapOf('1ukrw', 'uluna'), {
    name: 'ErrInvalidCoins',
    message: '1.000000000000000000ukrw: invalid coins',
  });
});

t.test(
  'a 100% spread on Luna->uusd: ErrInvalidCoins from ApplySwapToPool (vector swap_disabled.uluna_to_uusd)',
  async (t) => {
    const params = { minStabilitySpread: d('1'), zeroSwapCoinCheck: true };
    rejects(t, given({ params }), swapOf('1000000uluna', 'uusd'), {
      name: 'ErrInvalidCoins',
      message: '0.000000000000000000uusd: invalid coins',
    });
    // It fails there even when the trader could not pay: the pool update comes before the bank.
    rejects(t, given({ params, holdings: {} }), swapOf('1000000uluna', 'uusd'), { name: 'ErrInvalidCoins' });
  },
);

t.test('a trader without the offer: ErrInsufficientFunds, before the zero-output check', async (t) => {
  rejects(t, given({ holdings: { uluna: 99n } }), swapOf('100uluna', 'uusd'), {
    name: 'ErrInsufficientFunds',
  });
  const params = { minStabilitySpread: d('1'), zeroSwapCoinCheck: true };
  rejects(t, given({ params, holdings: {} }), swapOf('1000000uluna', 'usdr'), {
    name: 'ErrInsufficientFunds',
  });
});

t.test(
  'a zero output after v0.5.20: ErrZeroSwapCoin (vectors swap_disabled.*, zero_return_after_fork)',
  async (t) => {
    const params = { minStabilitySpread: d('1'), zeroSwapCoinCheck: true };
    rejects(t, given({ params }), swapOf('1000000uluna', 'usdr'), {
      name: 'ErrZeroSwapCoin',
      message: 'zero swap coin',
    });
    rejects(t, given({ params }), swapOf('1000000uusd', 'uluna'), {
      name: 'ErrZeroSwapCoin',
      message: 'zero swap coin',
    });
    // An output below one micro unit is zero too, with any spread.
    rejects(t, given({ params: { zeroSwapCoinCheck: true } }), swapOf('1uusd', 'uluna'), {
      name: 'ErrZeroSwapCoin',
    });
  },
);

t.test('an empty Terra pool: the division-by-zero panic propagates, nothing changed', async (t) => {
  const state = given();
  state.market.params = { ...state.market.params, basePool: dec.ZERO };
  state.market.terraPoolDelta = dec.ZERO;
  panics(t, state, swapOf('100uluna', 'uusd'), DecDivisionByZeroPanic);
});

t.test('a base pool whose square overflows the Dec bit limit: the overflow panic propagates', async (t) => {
  panics(
    t,
    given({ params: { basePool: d('10000000000000000000000000000000000000000') } }),
    swapOf('100uluna', 'uusd'),
    DecOverflowPanic,
  );
});

t.test(
  'a spread above 1 (params that skipped validation): NewCoin panics on the negative output',
  async (t) => {
    const state = given();
    state.market.params = { ...state.market.params, minStabilitySpread: d('1.5') };
    panics(t, state, swapOf('100uluna', 'usdr'), NegativeCoinAmountPanic);
  },
);

t.test('a malformed offer denom: NewDecCoinFromCoin panics', async (t) => {
  panics(
    t,
    given({ holdings: { x: 100n } }),
    swapOf({ denom: 'x', amount: 100n }, 'uusd'),
    InvalidDenomPanic,
  );
});

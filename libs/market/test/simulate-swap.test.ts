// simulateSwap, the Swap query (spec §3.5 "Queries"): the handler's output with no side effect and
// its own error mapping.
import t from 'tap';
import * as dec from '@marketnode/dec';
import { executeSwap, simulateSwap } from '../src/index.js';
import {
  bankWith,
  MAY_2022_PARAMS,
  MAY_2022_PRICES,
  marketOf,
  pricesOf,
  snapshot,
  TRADER,
} from './fixtures/builders.js';

t.test(
  '10 uluna at 1.7 usdr with the 2% default returns 16usdr (vector query_swap.luna_to_sdr)',
  async (t) => {
    const market = marketOf({}, '0');
    const result = simulateSwap(market, pricesOf({ usdr: '1.7' }), dec.parseCoin('10uluna'), 'usdr');
    t.ok(result.ok && dec.formatCoin(result.value) === '16usdr');
    t.equal(market.terraPoolDelta, dec.ZERO, 'no side effect');
  },
);

t.test(
  'recursion and oversize offers fail before pricing (vectors query_swap.recursive/overflow)',
  async (t) => {
    const prices = pricesOf({ usdr: '1.7' });
    t.match(simulateSwap(marketOf(), prices, dec.parseCoin('10uluna'), 'uluna'), {
      ok: false,
      error: { name: 'ErrRecursiveSwap', message: 'uluna: recursive swap' },
    });
    t.match(
      simulateSwap(marketOf(), prices, dec.parseCoin('1000000000000000000000000000000000uluna'), 'usdr'),
      {
        ok: false,
        error: { name: 'ErrInvalidCoins', message: '1000000000000000000000000000000000uluna: invalid coins' },
      },
    );
  },
);

t.test('any ComputeSwap error is wrapped as ErrPanic', async (t) => {
  const missingPrice = simulateSwap(marketOf(), pricesOf({ usdr: '1.7' }), dec.parseCoin('10uluna'), 'ukrw');
  t.match(missingPrice, {
    ok: false,
    error: { name: 'ErrPanic', message: 'ukrw: no price registered with oracle: panic' },
  });
  const zeroOffer = simulateSwap(marketOf(), pricesOf({ usdr: '1.7' }), dec.parseCoin('0uluna'), 'usdr');
  t.match(zeroOffer, {
    ok: false,
    error: { name: 'ErrPanic', message: '0.000000000000000000uluna: invalid coins: panic' },
  });
});

t.test('the quote equals the swap coin the handler then pays, in each direction', async (t) => {
  for (const [offer, ask] of [
    ['10000000000uluna', 'uusd'],
    ['1000000000000uusd', 'uluna'],
    ['1000000000uusd', 'umnt'],
    ['7uluna', 'usdr'],
  ] as const) {
    // Given the May-2022 state; when the swap is quoted and then executed.
    const offerCoin = dec.parseCoin(offer);
    const market = marketOf(MAY_2022_PARAMS, '2500000000000');
    const bank = bankWith({ [TRADER]: { [offerCoin.denom]: offerCoin.amount } });
    const before = snapshot(bank, market);
    const quote = simulateSwap(market, MAY_2022_PRICES, offerCoin, ask);
    t.same(snapshot(bank, market), before, 'the quote changed nothing');
    const swap = executeSwap(
      { market, prices: MAY_2022_PRICES, bank },
      { trader: TRADER, receiver: TRADER, offer: offerCoin, askDenom: ask },
    );
    // Then the amounts agree.
    t.ok(quote.ok && swap.ok && quote.value.amount === swap.value.swapCoin.amount, `${offer} -> ${ask}`);
  }
});

// The swap handler (spec §3.5): what is burned, minted, paid and moved, for each kind of swap.
import t from 'tap';
import * as dec from '@marketnode/dec';
import { balanceOf, MODULE_ACCOUNTS, supplyOf } from '@marketnode/bank';
import { executeSwap, type MarketParams } from '../src/index.js';
import {
  bankWith,
  d,
  MAY_2022_PARAMS,
  MAY_2022_PRICES,
  marketOf,
  pricesOf,
  RECEIVER,
  TRADER,
} from './fixtures/builders.js';

const ORACLE = MODULE_ACCOUNTS.oracle;

function swapOnce(options: {
  params?: Partial<MarketParams>;
  delta?: string;
  prices: ReturnType<typeof pricesOf>;
  offer: string;
  askDenom: string;
  receiver?: string;
}) {
  const offer = dec.parseCoin(options.offer);
  const market = marketOf(options.params ?? {}, options.delta ?? '0');
  const bank = bankWith({ [TRADER]: { [offer.denom]: offer.amount + 5n } });
  const result = executeSwap(
    { market, prices: options.prices, bank },
    { trader: TRADER, receiver: options.receiver ?? TRADER, offer, askDenom: options.askDenom },
  );
  return { market, bank, result };
}

t.test('worked example: 10 uluna to usdr, zero min spread (spec §3.5 table)', async (t) => {
  // Given the spec's inputs; when the trader swaps 10uluna for usdr.
  const { market, bank, result } = swapOnce({
    params: { minStabilitySpread: d('0') },
    prices: pricesOf({ usdr: '1700', ukrw: '1700' }),
    offer: '10uluna',
    askDenom: 'usdr',
  });
  t.ok(result.ok);
  if (!result.ok) return;
  const outcome = result.value;
  // Then every quantity of the table.
  t.equal(dec.format(outcome.feeDec), '0.000288999995087000');
  t.equal(dec.format(outcome.swapDecAfterFee), '16999.999711000004913000');
  t.equal(dec.formatCoin(outcome.swapCoin), '16999usdr');
  t.equal(dec.formatCoin(outcome.feeCoin), '1usdr', '0.000288999995087 + 0.999711000004913 = 1');
  t.equal(outcome.destroyedDec, dec.ZERO);
  t.equal(dec.format(outcome.terraPoolDeltaAfter), '-16999.999711000004913000');
  t.equal(market.terraPoolDelta, outcome.terraPoolDeltaAfter);
  t.equal(outcome.terraPoolDeltaBefore, dec.ZERO);
  // And the bank: 10uluna burned, 17000usdr minted, 16999 to the trader, 1 to the oracle pool.
  t.equal(balanceOf(bank, TRADER, 'uluna'), 5n);
  t.equal(supplyOf(bank, 'uluna'), 5n);
  t.equal(supplyOf(bank, 'usdr'), 17_000n);
  t.equal(balanceOf(bank, TRADER, 'usdr'), 16_999n);
  t.equal(balanceOf(bank, ORACLE, 'usdr'), 1n);
  t.equal(
    balanceOf(bank, MODULE_ACCOUNTS.market, 'usdr') + balanceOf(bank, MODULE_ACCOUNTS.market, 'uluna'),
    0n,
    'the market module keeps nothing',
  );
});

t.test('MsgSwapSend pays the receiver (vector msg_swap_send.luna_to_sdr.default_params)', async (t) => {
  const { bank, result } = swapOnce({
    prices: pricesOf({ usdr: '1700', ukrw: '1700' }),
    offer: '10uluna',
    askDenom: 'usdr',
    receiver: RECEIVER,
  });
  t.ok(result.ok && dec.format(result.value.pricing.spread) === '0.020000000000000000');
  t.equal(balanceOf(bank, RECEIVER, 'usdr'), 16_660n);
  t.equal(balanceOf(bank, TRADER, 'usdr'), 0n);
  t.equal(balanceOf(bank, ORACLE, 'usdr'), 340n);
  t.equal(balanceOf(bank, TRADER, 'uluna'), 5n);
});

t.test('Terra->Luna moves the delta up by the offer in usdr; the fee dust goes to the fee', async (t) => {
  // Given May-2022 params and an empty pool; when 1M UST is swapped for LUNA (vector may2022.terra_to_luna).
  const { market, bank, result } = swapOnce({
    params: MAY_2022_PARAMS,
    prices: MAY_2022_PRICES,
    offer: '1000000000000uusd',
    askDenom: 'uluna',
  });
  t.ok(result.ok);
  if (!result.ok) return;
  t.equal(dec.format(result.value.feeDec), '184729064.039408862500000000');
  t.equal(dec.formatCoin(result.value.swapCoin), '12315270935uluna');
  t.equal(dec.formatCoin(result.value.feeCoin), '184729065uluna');
  t.equal(dec.format(market.terraPoolDelta), '750000000000.000000000000000000');
  t.equal(supplyOf(bank, 'uluna'), 12_500_000_000n);
});

t.test(
  'Terra<->Terra pays the tobin tax and leaves the delta (vector derived.terra_to_terra.max_tobin_mnt)',
  async (t) => {
    const { market, bank, result } = swapOnce({
      params: MAY_2022_PARAMS,
      delta: '42',
      prices: MAY_2022_PRICES,
      offer: '1000000000uusd',
      askDenom: 'umnt',
    });
    t.ok(
      result.ok &&
        dec.formatCoin(result.value.swapCoin) === '2817500000000umnt' &&
        dec.formatCoin(result.value.feeCoin) === '57500000000umnt',
    );
    t.equal(market.terraPoolDelta, d('42'));
    t.equal(balanceOf(bank, ORACLE, 'umnt'), 57_500_000_000n);
  },
);

t.test(
  'a zero spread mints no fee and sends nothing to the oracle pool (vector msg_swap.terra_to_terra.zero_tobin)',
  async (t) => {
    const prices = pricesOf({ usdr: '1700', ukrw: '1700' }, { usdr: '0', ukrw: '0' });
    const { bank, result } = swapOnce({ prices, offer: '10usdr', askDenom: 'ukrw' });
    t.ok(result.ok && result.value.feeDec === dec.ZERO && result.value.feeCoin.amount === 0n);
    t.equal(balanceOf(bank, TRADER, 'ukrw'), 10n);
    t.equal(bank.balances.has(ORACLE), false);
  },
);

t.test('before v0.5.20 a zero output succeeds: the offer is burned and only the fee is minted', async (t) => {
  // Given a 100% spread and no zero-output check (vector msg_swap.zero_return_before_fork).
  const params = { minStabilitySpread: d('1'), zeroSwapCoinCheck: false };
  const { market, bank, result } = swapOnce({
    params,
    prices: pricesOf({ usdr: '1700' }),
    offer: '10uluna',
    askDenom: 'usdr',
  });
  t.ok(
    result.ok && result.value.swapCoin.amount === 0n && dec.formatCoin(result.value.feeCoin) === '17000usdr',
  );
  t.equal(balanceOf(bank, TRADER, 'usdr'), 0n);
  t.equal(balanceOf(bank, ORACLE, 'usdr'), 17_000n);
  t.equal(supplyOf(bank, 'uluna'), 5n);
  t.equal(market.terraPoolDelta, dec.ZERO, 'a zero usdr ask leaves the delta');
});

t.test('swapCoin + feeCoin is floor(ret); the destroyed part is the fraction of ret', async (t) => {
  // Given an offer whose value in the ask denom has a fraction; when swapped.
  const { result } = swapOnce({
    params: MAY_2022_PARAMS,
    prices: MAY_2022_PRICES,
    offer: '12345uusd',
    askDenom: 'ukrw',
  });
  t.ok(result.ok);
  if (!result.ok) return;
  const ret = result.value.pricing.ret.amount;
  const whole = dec.truncateInt(ret);
  t.equal(result.value.swapCoin.amount + result.value.feeCoin.amount, whole);
  t.equal(result.value.destroyedDec, dec.fromScaled(ret - whole * dec.SCALE));
  t.ok(result.value.destroyedDec > dec.ZERO, 'the example does destroy dust');
});

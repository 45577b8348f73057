import t from 'tap';
import { balanceOf } from '@marketnode/bank';
import fc from 'fast-check';
import * as dec from '@marketnode/dec';
import { propertyOptions } from '@marketnode/testkit';
import { executeReserveSwap, quoteReserveSwap, type ReserveSwapQuote } from '../src/index.js';
import { D, fromDec, modelSwap, toDec } from './support/dec-model.js';
import { BTC, RECEIVER, RESERVE, TRADER, UST, USD, d, paramsWith, side, world } from './support/fixtures.js';

const BPS = d('0.0001');

function quoteOk(result: ReturnType<typeof quoteReserveSwap>): ReserveSwapQuote {
  if (!result.ok) throw new Error(`unexpected rejection: ${result.error.message}`);
  return result.value;
}

t.test('a $1M redemption against a $100M exit pool pays about 100 bps (spec fact)', async (t) => {
  // Given the exit side at BasePool $100M, at rest, with no floor in the way
  const w = world({ params: paramsWith({ exit: side(100_000_000n, 10n, '0') }) });
  // When $1M of UST is offered for BTC
  const quote = quoteOk(
    quoteReserveSwap(w, { offer: { denom: UST, amount: 1_000_000n * USD }, askDenom: BTC }),
  );
  // Then the spread is about trade size / BasePool: 1/101 = 99.0 bps, inside 100 ± 5 bps
  t.ok(quote.spread > dec.mulInt(BPS, 95n) && quote.spread < dec.mulInt(BPS, 105n), dec.format(quote.spread));
  const exact = new D(1).div(101);
  t.ok(fromDec(quote.spread).sub(exact).abs().lte('1e-17'), 'equals x / (B + x) to the last digits');
});

t.test('the spread is MinSpread when the floor is larger than the curve (spec fact)', async (t) => {
  // Given the proposal's 200 bps exit floor on a $100M pool
  const w = world({ params: paramsWith({ exit: side(100_000_000n, 10n, '0.02') }) });
  // When $1M is redeemed (curve spread ~99 bps)
  const quote = quoteOk(
    quoteReserveSwap(w, { offer: { denom: UST, amount: 1_000_000n * USD }, askDenom: BTC }),
  );
  // Then the floor applies
  t.equal(quote.spread, d('0.02'));
  t.ok(quote.cpSpread < quote.spread);
});

t.test('at rest both sides charge x / (B + x) for the same value', async (t) => {
  const pool = side(100_000_000n, 10n, '0');
  const w = world({ params: paramsWith({ exit: pool, entry: pool }) });
  // $1M of BTC at $40,000 is 25 BTC
  const entry = quoteOk(quoteReserveSwap(w, { offer: { denom: BTC, amount: 25_000_000n }, askDenom: UST }));
  const exit = quoteOk(
    quoteReserveSwap(w, { offer: { denom: UST, amount: 1_000_000n * USD }, askDenom: BTC }),
  );
  t.equal(entry.offerValueUst, exit.offerValueUst);
  t.equal(entry.spread, exit.spread);
});

t.test('swap pays the post-fee ask from inventory and keeps the fee coin in the reserve', async (t) => {
  const w = world();
  const offer = { denom: UST, amount: 2_000_000n * USD };
  const before = { reserveBtc: balanceOf(w.bank, RESERVE, BTC), reserveUst: balanceOf(w.bank, RESERVE, UST) };
  const result = executeReserveSwap(w, { trader: TRADER, receiver: RECEIVER, offer, askDenom: BTC });
  if (!result.ok) throw new Error(result.error.message);
  const { quote } = result.value;
  t.equal(
    quote.swapCoin.amount + quote.feeCoin.amount,
    dec.truncateInt(quote.askAtOracleRate),
    'swap + fee = ⌊ret⌋',
  );
  t.equal(balanceOf(w.bank, RECEIVER, BTC), quote.swapCoin.amount);
  t.equal(
    balanceOf(w.bank, RESERVE, BTC),
    before.reserveBtc - quote.swapCoin.amount,
    'fee coin not paid out',
  );
  t.equal(balanceOf(w.bank, RESERVE, UST), before.reserveUst + offer.amount, 'offer kept, not burned');
  t.equal(w.reserve.exitDeltaUst, quote.offerValueUst, 'exit delta grows by the UST value of the offer');
});

t.test('quotes follow the spec arithmetic exactly (independent decimal.js model)', async (t) => {
  // Fails if any Dec step differs from the spec, e.g. the fee taken with MulTruncate instead of Mul,
  // or the spread computed with QuoTruncate (both verified by mutation).
  const inputs = fc.record({
    exit: fc.boolean(),
    offerAmount: fc.bigInt({ min: 1n, max: 10n ** 13n }),
    btcUsdCents: fc.bigInt({ min: 100_000n, max: 20_000_000n }),
    basePoolUsd: fc.bigInt({ min: 1_000_000n, max: 2_000_000_000n }),
    deltaPermille: fc.integer({ min: 0, max: 500 }),
    minSpreadBps: fc.bigInt({ min: 0n, max: 400n }),
  });
  fc.assert(
    fc.property(inputs, (input) => {
      const basePool = dec.fromInt(input.basePoolUsd * USD);
      const delta = dec.quoInt(dec.mulInt(basePool, BigInt(input.deltaPermille)), 1000n);
      const curve = {
        basePool,
        poolRecoveryPeriod: 10n,
        minSpread: dec.fromIntWithPrec(input.minSpreadBps, 4),
      };
      const w = world({
        params: paramsWith({ exit: curve, entry: curve }),
        reserveBtc: 10n ** 15n,
        reserveUst: 10n ** 18n,
      });
      w.reserve.dayCapBaseBtc = 10n ** 15n;
      const ustRate = d('80');
      const btcRate = dec.quo(ustRate, dec.fromIntWithPrec(input.btcUsdCents, 2));
      const rates = new Map([
        [UST, ustRate],
        [BTC, btcRate],
      ]);
      w.reserve.exitDeltaUst = delta;
      w.reserve.entryDeltaUst = dec.neg(delta);
      const offer = { denom: input.exit ? UST : BTC, amount: input.offerAmount };
      const result = quoteReserveSwap({ ...w, rates }, { offer, askDenom: input.exit ? BTC : UST });
      const model = modelSwap({
        exit: input.exit,
        offerAmount: input.offerAmount,
        ustRate: fromDec(ustRate),
        btcRate: fromDec(btcRate),
        basePool: fromDec(basePool),
        delta: fromDec(input.exit ? delta : dec.neg(delta)),
        minSpread: fromDec(curve.minSpread),
      });
      if (model.swapAmount <= 0n) return !result.ok && result.error.code === 'MARKET_ERR_ZERO_SWAP_COIN';
      if (!result.ok) return false;
      const q = result.value;
      return (
        q.offerValueUst === toDec(model.base) &&
        q.askAtOracleRate === toDec(model.ret) &&
        q.askBaseUst === toDec(model.askBase) &&
        q.spread === toDec(model.spread) &&
        q.feeDec === toDec(model.fee) &&
        q.swapCoin.amount === model.swapAmount &&
        q.feeCoin.amount === model.feeAmount &&
        q.deltaChangeUst === toDec(model.deltaChange)
      );
    }),
    propertyOptions(),
  );
  t.pass('quote matches the model on every generated input');
});

t.test('an execution is its quote: same numbers, then state applied', async (t) => {
  const w = world();
  const request = { offer: { denom: BTC, amount: 3_000_000n }, askDenom: UST };
  const quote = quoteOk(quoteReserveSwap(w, request));
  const result = executeReserveSwap(w, { trader: TRADER, receiver: TRADER, ...request });
  if (!result.ok) throw new Error(result.error.message);
  t.same(result.value.quote, quote);
  t.equal(w.reserve.entryDeltaUst, dec.neg(quote.swapDec), 'entry delta falls by the post-fee UST paid');
});

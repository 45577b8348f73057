import t from 'tap';
import fc from 'fast-check';
import { balanceOf, supplyOf } from '@marketnode/bank';
import * as dec from '@marketnode/dec';
import { propertyOptions } from '@marketnode/testkit';
import { executeReserveSwap, reserveEndBlock } from '../src/index.js';
import {
  BTC,
  ONE_BTC,
  RECEIVER,
  RESERVE,
  TRADER,
  UST,
  USD,
  paramsWith,
  ratesFor,
  world,
} from './support/fixtures.js';

const HOLDERS = [TRADER, RECEIVER, RESERVE];

t.test('reserve swaps conserve every uusd and ubtc: nothing is minted or burned', async (t) => {
  // Fails if the reserve pays the ask by minting it (as the market does) instead of transferring it
  // from inventory, or burns the offer instead of keeping it (verified by mutation: mint).
  const swapStep = fc.record({
    exit: fc.boolean(),
    amount: fc.bigInt({ min: 1n, max: 50_000_000_000n }),
    toReceiver: fc.boolean(),
    endBlock: fc.boolean(),
  });
  fc.assert(
    fc.property(
      fc.array(swapStep, { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 5_000, max: 150_000 }),
      (steps, btcUsd) => {
        const params = paramsWith({ dailyRedemptionCapFraction: dec.fromIntWithPrec(3, 1) });
        const w = world({
          params,
          rates: ratesFor({ lunaUsd: '80', btcUsd: String(btcUsd) }),
          reserveBtc: 200n * ONE_BTC,
          reserveUst: 2_000_000n * USD,
        });
        const total = (denom: string): bigint =>
          HOLDERS.reduce((sum, a) => sum + balanceOf(w.bank, a, denom), 0n);
        const start = {
          ust: total(UST),
          btc: total(BTC),
          ustSupply: supplyOf(w.bank, UST),
          btcSupply: supplyOf(w.bank, BTC),
        };
        let height = 0n;
        for (const s of steps) {
          const reserveAskBefore = balanceOf(w.bank, RESERVE, s.exit ? BTC : UST);
          const result = executeReserveSwap(w, {
            trader: TRADER,
            receiver: s.toReceiver ? RECEIVER : TRADER,
            offer: { denom: s.exit ? UST : BTC, amount: s.exit ? s.amount : s.amount / 10_000n + 1n },
            askDenom: s.exit ? BTC : UST,
          });
          // The reserve's ask inventory falls by exactly the coin paid: the fee coin stays.
          const paid = result.ok ? result.value.quote.swapCoin.amount : 0n;
          if (balanceOf(w.bank, RESERVE, s.exit ? BTC : UST) !== reserveAskBefore - paid) return false;
          if (s.endBlock) reserveEndBlock(w.reserve, { height: height++, bank: w.bank });
        }
        return (
          total(UST) === start.ust &&
          total(BTC) === start.btc &&
          supplyOf(w.bank, UST) === start.ustSupply &&
          supplyOf(w.bank, BTC) === start.btcSupply
        );
      },
    ),
    propertyOptions(300),
  );
  t.pass('holdings and supplies conserved over every generated sequence');
});

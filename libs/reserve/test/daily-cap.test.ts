import t from 'tap';
import fc from 'fast-check';
import { balanceOf } from '@marketnode/bank';
import * as dec from '@marketnode/dec';
import { propertyOptions } from '@marketnode/testkit';
import { dailyCapBtc, dailyCapLeftBtc, executeReserveSwap, reserveEndBlock } from '../src/index.js';
import {
  BTC,
  ONE_BTC,
  RESERVE,
  TRADER,
  UST,
  USD,
  paramsWith,
  stateDigest,
  world,
  type World,
} from './support/fixtures.js';

function redeem(w: World, usd: bigint): ReturnType<typeof executeReserveSwap> {
  return executeReserveSwap(w, {
    trader: TRADER,
    receiver: TRADER,
    offer: { denom: UST, amount: usd * USD },
    askDenom: BTC,
  });
}

t.test('a redemption that would cross the daily cap is rejected whole, with the numbers', async (t) => {
  // Given 100 BTC in reserve and a 10% cap: 10 BTC ($400,000) may leave today
  const w = world({ reserveBtc: 100n * ONE_BTC });
  t.equal(dailyCapBtc(w.reserve), 10n * ONE_BTC);
  // When $150,000 redemptions (3.675 BTC each after 2%) are made
  t.ok(redeem(w, 150_000n).ok);
  t.ok(redeem(w, 150_000n).ok);
  t.equal(w.reserve.redeemedTodayBtc, 7_350_000n);
  const before = stateDigest(w);
  const third = redeem(w, 150_000n);
  // Then the third is rejected although the inventory could pay it, and nothing changed
  t.notOk(third.ok);
  if (!third.ok) {
    t.equal(third.error.code, 'RESERVE_ERR_DAILY_CAP_REACHED');
    t.equal(
      third.error.message,
      'daily redemption cap 10000000ubtc, paid today 7350000ubtc, left today 2650000ubtc, swap pays 3675000ubtc: daily redemption cap reached',
    );
  }
  t.equal(stateDigest(w), before);
  // Then what is left can still be taken by a smaller redemption
  t.ok(redeem(w, 100_000n).ok);
});

t.test('entry flow does not count against the cap', async (t) => {
  const w = world({ reserveBtc: 100n * ONE_BTC });
  const entry = executeReserveSwap(w, {
    trader: TRADER,
    receiver: TRADER,
    offer: { denom: BTC, amount: 50n * ONE_BTC },
    askDenom: UST,
  });
  t.ok(entry.ok);
  t.equal(w.reserve.redeemedTodayBtc, 0n);
  t.equal(dailyCapLeftBtc(w.reserve), 10n * ONE_BTC, 'BTC received today does not raise today’s cap either');
});

t.test('the day window rolls at the last block of the day and re-bases the cap on inventory', async (t) => {
  // Given the default 14,400-block day and the cap used up on day 0
  const w = world({ reserveBtc: 100n * ONE_BTC });
  t.ok(redeem(w, 150_000n).ok);
  t.ok(redeem(w, 150_000n).ok);
  t.notOk(redeem(w, 150_000n).ok);
  // When end blocks run up to height 14,398, then nothing rolls
  t.equal(reserveEndBlock(w.reserve, { height: 14_398n, bank: w.bank }).dayRolled, false);
  t.equal(w.reserve.redeemedTodayBtc, 7_350_000n);
  // When the end block of height 14,399 runs ((h + 1) % 14,400 == 0), then day 1 starts
  t.equal(reserveEndBlock(w.reserve, { height: 14_399n, bank: w.bank }).dayRolled, true);
  t.equal(w.reserve.dayIndex, 1n);
  t.equal(w.reserve.redeemedTodayBtc, 0n);
  t.equal(
    w.reserve.dayCapBaseBtc,
    balanceOf(w.bank, RESERVE, BTC),
    'cap base = BTC held at the start of day 1',
  );
  t.equal(dailyCapBtc(w.reserve), 9_265_000n, '10% of the 92.65 BTC left');
  // Then the redemption refused yesterday goes through today
  t.ok(redeem(w, 150_000n).ok);
  t.equal(reserveEndBlock(w.reserve, { height: 14_400n, bank: w.bank }).dayRolled, false);
});

t.test('BTC paid out in a day window never exceeds that window’s cap', async (t) => {
  // Fails if the cap check ignores the swap's own payout (tests `redeemedToday <= cap` instead of
  // `redeemedToday + payout <= cap`), or if executed exits are not added to redeemedTodayBtc
  // (both verified by mutation).
  const BLOCKS_PER_DAY = 20n;
  const step = fc.oneof(
    fc.record({ kind: fc.constant('exit' as const), usd: fc.bigInt({ min: 1n, max: 300_000n }) }),
    fc.record({ kind: fc.constant('entry' as const), ubtc: fc.bigInt({ min: 1n, max: 5n * ONE_BTC }) }),
    fc.record({ kind: fc.constant('blocks' as const), count: fc.integer({ min: 1, max: 25 }) }),
  );
  fc.assert(
    fc.property(fc.array(step, { maxLength: 60 }), fc.integer({ min: 1, max: 30 }), (steps, capPercent) => {
      const params = paramsWith({
        blocksPerDay: BLOCKS_PER_DAY,
        dailyRedemptionCapFraction: dec.fromIntWithPrec(capPercent, 2),
      });
      const w = world({ params, reserveBtc: 100n * ONE_BTC });
      let height = 0n;
      // The test's own bookkeeping: cap from the BTC the bank shows at the window's start.
      let capBtc = (BigInt(capPercent) * 100n * ONE_BTC) / 100n;
      let paidBtc = 0n;
      for (const s of steps) {
        if (s.kind === 'blocks') {
          for (let i = 0; i < s.count; i += 1) {
            if (reserveEndBlock(w.reserve, { height, bank: w.bank }).dayRolled) {
              capBtc = (BigInt(capPercent) * balanceOf(w.bank, RESERVE, BTC)) / 100n;
              paidBtc = 0n;
            }
            height += 1n;
          }
          continue;
        }
        const offer =
          s.kind === 'exit' ? { denom: UST, amount: s.usd * USD } : { denom: BTC, amount: s.ubtc };
        const result = executeReserveSwap(w, {
          trader: TRADER,
          receiver: TRADER,
          offer,
          askDenom: s.kind === 'exit' ? BTC : UST,
        });
        if (result.ok && s.kind === 'exit') paidBtc += result.value.quote.swapCoin.amount;
        if (paidBtc > capBtc) return false;
      }
      return true;
    }),
    propertyOptions(300),
  );
  t.pass('no window paid out more than its cap');
});

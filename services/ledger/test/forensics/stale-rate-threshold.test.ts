// Property: the exact integer test "moved more than the spread" agrees with the definition
// 1 − r'/r > spread evaluated in decimal.js at 200 digits, on random rates and spreads, including
// moves that land exactly on the spread (where a rounding slip would flip the verdict).
import t from 'tap';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import * as dec from '@marketnode/dec';
import { propertyOptions } from '@marketnode/testkit';
import { movedMoreThanSpread, profitUluna, rateMove } from '../../src/forensics/stale-rate-math.js';

const Wide = Decimal.clone({ precision: 200, rounding: Decimal.ROUND_HALF_EVEN });
const value = (d: dec.Dec) => new Wide(dec.format(d));

const rate = fc.bigInt({ min: 1n, max: 10n ** 30n }).map(dec.fromScaled);
const spread = fc.bigInt({ min: 0n, max: dec.SCALE }).map(dec.fromScaled);

t.test('the verdict is 1 − r′/r > spread, exactly', async (t) => {
  fc.assert(
    fc.property(rate, rate, rate, rate, spread, (offerRate, askRate, nextOfferRate, nextAskRate, s) => {
      const r = value(askRate).div(value(offerRate));
      const rNext = value(nextAskRate).div(value(nextOfferRate));
      const expected = new Wide(1).minus(rNext.div(r)).gt(value(s));
      const executed = { offerRate, askRate };
      const next = { offerRate: nextOfferRate, askRate: nextAskRate };
      return movedMoreThanSpread({ executed, next, spread: s }) === expected;
    }),
    propertyOptions(),
  );
  t.pass('agrees with the definition');
});

t.test('a move of exactly the spread is not stale; a hair more is', async (t) => {
  fc.assert(
    fc.property(rate, fc.bigInt({ min: 1n, max: 99n }), (offerRate, percent) => {
      // r = 1 (askRate = offerRate); r' = 1 − percent/100: the move is exactly percent/100.
      const s = dec.fromIntWithPrec(percent, 2);
      const executed = { offerRate, askRate: offerRate };
      const exactly = { offerRate: dec.ONE, askRate: dec.sub(dec.ONE, s) };
      const more = { offerRate: dec.ONE, askRate: dec.sub(exactly.askRate, dec.fromScaled(1n)) };
      return (
        !movedMoreThanSpread({ executed, next: exactly, spread: s }) &&
        movedMoreThanSpread({ executed, next: more, spread: s }) &&
        rateMove(executed, exactly) === dec.format(s)
      );
    }),
    propertyOptions(200),
  );
  t.pass('the threshold is strict');
});

t.test('the profit is what was received minus what was given, at the next rates, in uluna', async (t) => {
  // 1,000 LUNA swapped for 79,600 UST at 80; the next tally says 60 UST per LUNA: 79,600 UST are
  // worth 1,326.666... LUNA, so the trader is up 326.666... LUNA.
  const profit = profitUluna({
    offeredAmount: 1_000_000_000n,
    receivedAmount: 79_600_000_000n,
    next: { offerRate: dec.ONE, askRate: dec.fromInt(60) },
  });
  t.equal(profit.toFixed(18), '326666666.666666666666666667');
});

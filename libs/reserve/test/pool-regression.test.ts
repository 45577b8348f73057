import t from 'tap';
import fc from 'fast-check';
import * as dec from '@marketnode/dec';
import { propertyOptions } from '@marketnode/testkit';
import { reserveEndBlock } from '../src/index.js';
import { fromDec, quoInt, toDec } from './support/dec-model.js';
import { d, paramsWith, side, world } from './support/fixtures.js';

t.test('each delta regresses every block by its own recovery period (spec example)', async (t) => {
  // Given the spec's replenish example on the exit side (PRP 14,400) and its mirror on entry (PRP 100)
  const params = paramsWith({
    exit: side(500_000_000n, 14_400n, '0.02'),
    entry: side(500_000_000n, 100n, '0.001'),
  });
  const w = world({ params });
  w.reserve.exitDeltaUst = d('17987573223725.367');
  w.reserve.entryDeltaUst = d('-17987573223725.367');
  // When one end block runs
  const result = reserveEndBlock(w.reserve, { height: 5n, bank: w.bank });
  // Then the exit delta matches the spec literal, and entry regresses by 1/100 truncated toward zero
  t.equal(dec.format(w.reserve.exitDeltaUst), '17986324086695.941627291666666667');
  t.equal(result.exitRegressionUst, dec.sub(d('17987573223725.367'), w.reserve.exitDeltaUst));
  t.equal(w.reserve.entryDeltaUst, d('-17807697491488.11333'));
  t.equal(result.entryRegressionUst, d('-179875732237.25367'));
});

t.test('a negative delta is truncated toward zero, like a positive one', async (t) => {
  const w = world({ params: paramsWith({ entry: side(1n, 3n, '0') }) });
  w.reserve.entryDeltaUst = dec.fromScaled(-10n);
  reserveEndBlock(w.reserve, { height: 0n, bank: w.bank });
  t.equal(w.reserve.entryDeltaUst, dec.fromScaled(-7n), '-10e-18 - tquo(-10, 3) = -10 + 3');
});

t.test('deltas regress toward zero and never past it', async (t) => {
  // Fails if a side adds its regression instead of subtracting it, or if the entry side is
  // regressed by the exit side's delta (cross-wired sides) (both verified by mutation).
  const deltaScaled = fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n });
  const prp = fc.bigInt({ min: 1n, max: 20_000n });
  fc.assert(
    fc.property(deltaScaled, deltaScaled, prp, prp, (entryScaled, exitScaled, entryPrp, exitPrp) => {
      const params = paramsWith({ entry: side(1_000n, entryPrp, '0'), exit: side(1_000n, exitPrp, '0') });
      const w = world({ params });
      w.reserve.entryDeltaUst = dec.fromScaled(entryScaled);
      w.reserve.exitDeltaUst = dec.fromScaled(exitScaled);
      reserveEndBlock(w.reserve, { height: 1n, bank: w.bank });
      const towardZero = (before: bigint, after: bigint, period: bigint): boolean => {
        const sameSignOrZero = after === 0n || after > 0n === before > 0n;
        const notLonger = (after < 0n ? -after : after) <= (before < 0n ? -before : before);
        // The exact value from the spec: Δ − tquo(Δ, PRP), from an independent model.
        const exact =
          after ===
          toDec(fromDec(dec.fromScaled(before)).sub(quoInt(fromDec(dec.fromScaled(before)), period)));
        return sameSignOrZero && notLonger && exact;
      };
      return (
        towardZero(entryScaled, w.reserve.entryDeltaUst, entryPrp) &&
        towardZero(exitScaled, w.reserve.exitDeltaUst, exitPrp)
      );
    }),
    propertyOptions(),
  );
  t.pass('every regression moved each delta toward zero by exactly tquo(Δ, PRP)');
});

t.test('with no flow, both deltas decay geometrically to zero and stay there', async (t) => {
  const w = world();
  w.reserve.exitDeltaUst = d('1000000000000');
  w.reserve.entryDeltaUst = d('-1000000000000');
  // exit PRP 10: after 10 blocks about (0.9)^10 = 34.9% remains; entry PRP 100: about 90.4%
  for (let h = 0n; h < 10n; h += 1n) reserveEndBlock(w.reserve, { height: h, bank: w.bank });
  t.ok(w.reserve.exitDeltaUst > d('348000000000') && w.reserve.exitDeltaUst < d('349000000000'));
  t.ok(w.reserve.entryDeltaUst < d('-904000000000') && w.reserve.entryDeltaUst > d('-905000000000'));
  for (let h = 10n; h < 2_000n; h += 1n) reserveEndBlock(w.reserve, { height: h, bank: w.bank });
  t.ok(
    w.reserve.exitDeltaUst >= dec.ZERO && w.reserve.exitDeltaUst < dec.fromScaled(10n),
    'exit ends in the last ulps',
  );
  t.ok(w.reserve.entryDeltaUst <= dec.ZERO, 'entry never crosses zero');
});

/**
 * The standard deviation and its float path (spec §4.8 step 2): literals of the upstream tests,
 * the recovered overflow, and Go's `%f` (half to even on the exact binary value) against an
 * independent decimal.js model.
 */
import t from 'tap';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import * as dec from '@marketnode/dec';
import { propertyOptions } from '@marketnode/testkit';
import {
  decToFloat64,
  float64ToScaledHalfEven,
  formatGoFixed6,
  sqrtViaFloat,
  standardDeviation,
  type BallotVote,
} from '../src/index.js';

function ballotOf(entries: readonly [string, number][]): BallotVote[] {
  return entries.map(([rate, power], index) => ({
    voter: `v${index}`,
    exchangeRate: dec.parse(rate),
    power: BigInt(power),
  }));
}

const LITERALS: readonly { name: string; ballot: [string, number][]; median: string; sd: string }[] = [
  {
    name: 'a fake validator with zero power still counts',
    ballot: [
      ['1', 1],
      ['2', 1],
      ['10', 100],
      ['100000', 1],
      ['10000000000', 0],
    ],
    median: '10',
    sd: '4472135950.751006',
  },
  {
    name: 'tie votes',
    ballot: [
      ['1', 1],
      ['2', 100],
      ['3', 100],
      ['4', 1],
    ],
    median: '2',
    sd: '1.224745',
  },
  { name: 'no votes', ballot: [], median: '0', sd: '0' },
  {
    name: 'abci 1683/1700/1717',
    ballot: [
      ['1683', 10],
      ['1700', 10],
      ['1717', 10],
    ],
    median: '1700',
    sd: '13.880442',
  },
  {
    name: 'abci 1682/1700/1717',
    ballot: [
      ['1682', 10],
      ['1700', 10],
      ['1717', 10],
    ],
    median: '1700',
    sd: '14.294521',
  },
];

for (const literal of LITERALS) {
  t.test(`standard deviation: ${literal.name}`, (t) => {
    t.equal(standardDeviation(ballotOf(literal.ballot), dec.parse(literal.median)), dec.parse(literal.sd));
    t.end();
  });
}

t.test('a square that overflows the Dec bit limit is recovered as 0', (t) => {
  const ballot = ballotOf([
    ['0', 2],
    ['100000000000000000000000000000000000000000000000000000000', 1],
  ]);
  t.equal(standardDeviation(ballot, dec.ZERO), dec.ZERO);
  t.end();
});

t.test('the float square root of 0.0144 is 0.12', (t) => {
  t.equal(sqrtViaFloat(dec.parse('0.0144')), dec.parse('0.12'));
  t.end();
});

t.test('%f rounds an exact binary tie half to even, unlike toFixed', (t) => {
  // 0.0078125 = 2^-7 is exact in binary; its 7th decimal is a tie.
  t.equal(formatGoFixed6(0.0078125), '0.007812');
  t.equal((0.0078125).toFixed(6), '0.007813', 'JavaScript rounds the tie up');
  t.equal(sqrtViaFloat(dec.parse('0.00006103515625')), dec.parse('0.007812'));
  t.equal(formatGoFixed6(0.0234375), '0.023438', 'odd 6th digit rounds up');
  t.end();
});

t.test('%f prints large values in full, never in exponent form', (t) => {
  t.equal(formatGoFixed6(1e22), '10000000000000000000000.000000');
  t.equal((1e22).toFixed(6), '1e+22');
  t.equal(
    sqrtViaFloat(dec.parse('100000000000000000000000000000000000000000000')),
    dec.parse('10000000000000000000000'),
  );
  t.equal(formatGoFixed6(-0), '-0.000000');
  t.equal(formatGoFixed6(-1e-9), '-0.000000');
  t.end();
});

/** The exact value of a double, by doubling until it is an integer (exact in binary64). */
function exactDecimal(value: number): Decimal {
  let mantissa = value;
  let exponent = 0;
  while (!Number.isInteger(mantissa)) {
    mantissa *= 2;
    exponent -= 1;
  }
  const HighPrecision = Decimal.clone({ precision: 1200 });
  return new HighPrecision(BigInt(mantissa).toString()).div(new HighPrecision(2).pow(-exponent));
}

t.test('%f digits equal the exact binary value rounded half to even (decimal.js model)', (t) => {
  // Fails if the rounding rounds ties up or away from zero (verified: `twiceRemainder >= denominator`
  // in `float64ToScaledHalfEven` fails on the generated exact ties).
  const ties = fc.integer({ min: 1, max: 2 ** 20 }).map((n) => (2 * n + 1) / 2 ** 7 / 2 ** 20);
  const anyDouble = fc.double({ min: 0, max: 1e30, noNaN: true, noDefaultInfinity: true });
  fc.assert(
    fc.property(fc.oneof(ties, anyDouble), (value) => {
      const expected = exactDecimal(value).mul(1e6).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toFixed(0);
      return float64ToScaledHalfEven(value, 6).toString() === expected;
    }),
    propertyOptions(),
  );
  t.end();
});

/** The next double away from zero (value > 0), by its bits. */
function nextUp(value: number, step: bigint): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  view.setBigUint64(0, view.getBigUint64(0) + step);
  return view.getFloat64(0);
}

t.test('a Dec converts to the nearest double (decimal.js model)', (t) => {
  // Fails if decToFloat64 truncates instead of rounding (verified: dropping `mantissa += 1n`).
  fc.assert(
    fc.property(fc.bigInt({ min: 1n, max: 1n << 300n }), (scaled) => {
      const value = decToFloat64(dec.fromScaled(scaled));
      const exact = new (Decimal.clone({ precision: 1200 }))(scaled.toString()).div('1e18');
      const error = exact.minus(exactDecimal(value)).abs();
      // No neighbouring double is closer to the exact value.
      return [nextUp(value, 1n), nextUp(value, -1n)].every((neighbour) =>
        exact.minus(exactDecimal(neighbour)).abs().gte(error),
      );
    }),
    propertyOptions(200),
  );
  t.end();
});

t.test('a Dec exactly halfway between two doubles rounds to the even one', (t) => {
  // Fails if decToFloat64 rounds ties up (verified: `twiceRemainder >= scaledDenominator` fails).
  // The Dec (2m+1)·2^k has 54 significant bits, so it lies halfway between two doubles; k ≥ −18
  // keeps it exact in 18 decimals. BigInt → Number rounds ties to even by the language spec.
  const midpoint = fc.record({
    m: fc.bigInt({ min: 1n << 52n, max: (1n << 53n) - 1n }),
    k: fc.integer({ min: -18, max: 100 }),
  });
  fc.assert(
    fc.property(midpoint, ({ m, k }) => {
      const odd = 2n * m + 1n;
      const scaled = k >= 0 ? (odd * 10n ** 18n) << BigInt(k) : (odd * 10n ** 18n) >> BigInt(-k);
      return decToFloat64(dec.fromScaled(scaled)) === Number(odd) * 2 ** k;
    }),
    propertyOptions(),
  );
  t.end();
});

t.test('Dec to double agrees with V8 parsing the canonical string', (t) => {
  // A cross-check against V8's own correctly rounded parser; fails under the same truncation mutation.
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: 1n << 316n }), (scaled) => {
      const value = dec.fromScaled(scaled);
      return decToFloat64(value) === Number(dec.format(value));
    }),
    propertyOptions(),
  );
  t.end();
});

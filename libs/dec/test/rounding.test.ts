// The rounding rule of every Dec operation, on the literals of classic-core.md §2 and the SDK's tests.
import t from 'tap';
import * as dec from '../src/index.js';

const d = dec.parse;
const s = dec.format;

t.test('Mul rounds the magnitude half to even, so sign is symmetric', async (t) => {
  t.equal(s(dec.mul(d('0.000000000000000015'), d('0.1'))), '0.000000000000000002');
  t.equal(s(dec.mul(d('0.000000000000000025'), d('0.1'))), '0.000000000000000002');
  t.equal(s(dec.mul(d('-0.000000000000000005'), d('0.1'))), '0.000000000000000000');
  t.equal(s(dec.mul(d('-0.000000000000000015'), d('0.1'))), '-0.000000000000000002');
});

t.test('MulTruncate truncates toward zero', async (t) => {
  t.equal(s(dec.mulTruncate(d('0.000000000000000019'), d('0.1'))), '0.000000000000000001');
  t.equal(s(dec.mulTruncate(d('-0.000000000000000019'), d('0.1'))), '-0.000000000000000001');
});

t.test('Quo truncates at 36 digits before rounding at 18 (double rounding)', async (t) => {
  t.equal(s(dec.quo(d('0.000000000000000001'), d('1.999999999999999999'))), '0.000000000000000000');
  t.equal(s(dec.quo(d('3'), d('7'))), '0.428571428571428571');
  t.equal(s(dec.quo(d('-2'), d('3'))), '-0.666666666666666667');
});

t.test('QuoTruncate, QuoRoundUp and QuoInt follow their own rules, symmetric in sign', async (t) => {
  t.equal(s(dec.quoTruncate(d('-2'), d('3'))), '-0.666666666666666666');
  t.equal(s(dec.quoRoundUp(d('3'), d('7'))), '0.428571428571428572');
  t.equal(s(dec.quoRoundUp(d('-2'), d('3'))), '-0.666666666666666666');
  t.equal(s(dec.quoInt(d('-2'), 3n)), '-0.666666666666666666');
});

t.test('operation order matters, as in the SDK test TestOperationOrders', async (t) => {
  const ten = dec.fromInt(10n);
  const n = dec.fromInt(1000000010n);
  t.equal(s(dec.quo(dec.mul(ten, n), n)), '10.000000000000000000');
  t.equal(s(dec.mul(dec.quo(ten, n), n)), '9.999999999999999000');
});

t.test('RoundInt is half-even, TruncateInt toward zero, Ceil the smallest integer above', async (t) => {
  const round = ['0.5', '1.5', '2.5', '-2.5', '0.545', '7.5'].map((v) => dec.roundInt(d(v)));
  t.same(round, [0n, 2n, 2n, -2n, 1n, 8n]);
  const truncate = ['7.6', '-7.6', '0.25'].map((v) => dec.truncateInt(d(v)));
  t.same(truncate, [7n, -7n, 0n]);
  const ceil = ['0.001', '-0.001', '0', '4.7', '-4.7', '5'].map((v) => s(dec.ceil(d(v))));
  t.same(ceil, [
    '1.000000000000000000',
    '0.000000000000000000',
    '0.000000000000000000',
    '5.000000000000000000',
    '-4.000000000000000000',
    '5.000000000000000000',
  ]);
});

t.test('division by zero and results above 316 bits panic', async (t) => {
  t.throws(() => dec.quo(dec.ONE, dec.ZERO), dec.DecDivisionByZeroPanic);
  t.throws(() => dec.quoInt(dec.ONE, 0n), dec.DecDivisionByZeroPanic);
  const big = dec.fromScaled((1n << 315n) + 1n);
  t.throws(() => dec.add(big, big), dec.DecOverflowPanic);
  t.throws(() => dec.mul(big, dec.fromInt(2n)), dec.DecOverflowPanic);
  t.equal(dec.bitLen(dec.add(big, dec.ZERO)), 316);
  t.equal(dec.bitLen(-7n), 3);
});

t.test('the 316-bit bound is the same for both signs, to the last unit', async (t) => {
  const largest = (1n << 316n) - 1n;
  const unit = dec.fromScaled(1n);
  t.equal(dec.add(dec.fromScaled(largest), dec.ZERO), largest);
  t.equal(dec.sub(dec.fromScaled(-largest), dec.ZERO), -largest);
  t.throws(() => dec.add(dec.fromScaled(largest), unit), dec.DecOverflowPanic);
  t.throws(() => dec.sub(dec.fromScaled(-largest), unit), dec.DecOverflowPanic);
});

// The canonical string and NewDecFromStr's exact acceptance rules (classic-core.md §2.1).
import t from 'tap';
import * as dec from '../src/index.js';

t.test('String always prints 18 fractional digits with a leading minus when negative', async (t) => {
  t.equal(dec.format(dec.fromIntWithPrec(12340n, 5)), '0.123400000000000000');
  t.equal(dec.format(dec.fromIntWithPrec(1009009009009009009n, 17)), '10.090090090090090090');
  t.equal(dec.format(dec.fromScaled(-1n)), '-0.000000000000000001');
  t.equal(dec.format(dec.ZERO), '0.000000000000000000');
});

t.test('the parser accepts what NewDecFromStr accepts, quirks included', async (t) => {
  const accepted: Record<string, string> = {
    '0': '0.000000000000000000',
    '1.1': '1.100000000000000000',
    '-0.75': '-0.750000000000000000',
    '314460551102969314427823434337.1835': '314460551102969314427823434337.183500000000000000',
    '+1': '1.000000000000000000',
    '--1': '1.000000000000000000',
    '+.5': '0.500000000000000000',
    '0.000000000000000001': '0.000000000000000001',
  };
  for (const [text, canonical] of Object.entries(accepted))
    t.equal(dec.format(dec.parse(text)), canonical, text);
});

t.test('the parser rejects empty parts, over-precision, junk and more than 256 bits', async (t) => {
  const rejected = [
    '',
    '-',
    '.',
    '.0',
    '.5',
    '1.',
    '0.-75',
    '1.2.3',
    'foobar',
    '0.foobar',
    '314460551102969.3144278234343371835',
    '88888888888888888888888888888888888888888888888888888888888888888888844444440',
    '1_000',
    ' 1',
  ];
  for (const text of rejected) t.throws(() => dec.parse(text), dec.DecParseError, JSON.stringify(text));
  t.equal(dec.tryParse('1.'), undefined);
});

t.test('coins print and parse as <amount><denom>', async (t) => {
  t.equal(dec.formatCoin(dec.parseCoin('16660usdr')), '16660usdr');
  t.equal(dec.formatDecCoin(dec.parseDecCoin('1700usdr')), '1700.000000000000000000usdr');
  t.throws(() => dec.parseCoin('-1uluna'), dec.CoinParseError);
  t.throws(() => dec.parseCoin('1u'), dec.CoinParseError);
  t.throws(() => dec.parseCoin('1u.luna'), dec.CoinParseError, 'v0.44 denoms have no dots');
  t.equal(dec.parseCoin('5ibc/27394FB0').denom, 'ibc/27394FB0');
  const { coin, change } = dec.truncateDecimal(dec.parseDecCoin('16999.999711000004913usdr'));
  t.equal(dec.formatCoin(coin), '16999usdr');
  t.equal(dec.format(change.amount), '0.999711000004913000');
});

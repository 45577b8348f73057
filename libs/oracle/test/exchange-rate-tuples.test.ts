/**
 * `ParseExchangeRateTuples` (spec §4.3): the upstream literals and the v0.44 DecCoin rules.
 */
import t from 'tap';
import * as dec from '@marketnode/dec';
import { parseExchangeRateTuples } from '../src/index.js';

t.test('upstream literals: valid lists and abstains parse', (t) => {
  const parsed = parseExchangeRateTuples('123.0uluna,123.123ukrw');
  t.same(parsed, {
    ok: true,
    tuples: [
      { denom: 'uluna', exchangeRate: dec.parse('123') },
      { denom: 'ukrw', exchangeRate: dec.parse('123.123') },
    ],
  });
  t.equal(parseExchangeRateTuples('0.0uluna,123.1ukrw').ok, true);
  t.end();
});

t.test('upstream literals: a missing denom fails, alone or in a list', (t) => {
  t.same(parseExchangeRateTuples('123.123'), {
    ok: false,
    reason: 'invalid decimal coin expression: 123.123',
  });
  t.equal(parseExchangeRateTuples('123.0uluna,123.1').ok, false);
  t.end();
});

t.test('the text and each element are trimmed; space may separate amount and denom', (t) => {
  const parsed = parseExchangeRateTuples('  1usdr , 2 ukrw\n');
  t.same(parsed.ok && parsed.tuples.map((x) => x.denom), ['usdr', 'ukrw']);
  t.end();
});

t.test('an empty or all-space text is an empty list', (t) => {
  t.same(parseExchangeRateTuples(''), { ok: true, tuples: [] });
  t.same(parseExchangeRateTuples(' \t'), { ok: true, tuples: [] });
  t.end();
});

t.test('duplicated denoms are rejected', (t) => {
  t.same(parseExchangeRateTuples('1usdr,2usdr'), { ok: false, reason: 'duplicated denom usdr' });
  t.end();
});

t.test('signs, empty parts and more than 18 decimals are rejected', (t) => {
  for (const text of ['-1usdr', '+1usdr', '1.usdr', '1.0000000000000000001usdr', 'usdr', '1us', '1,2usdr']) {
    t.equal(parseExchangeRateTuples(text).ok, false, text);
  }
  t.match(parseExchangeRateTuples('.5usdr'), {
    ok: false,
    reason: /^failed to parse decimal coin amount: \.5: /,
  });
  t.end();
});

t.test('the denom follows v0.44: letters, digits, "/" and "-" only', (t) => {
  t.equal(parseExchangeRateTuples('1ibc/ABC-def').ok, true);
  t.equal(parseExchangeRateTuples('1u.sd').ok, false, '"." arrived only in v0.46');
  t.equal(parseExchangeRateTuples('1u_sd').ok, false);
  t.end();
});

t.test("trimming follows Go's unicode.IsSpace, not String.prototype.trim", (t) => {
  t.equal(parseExchangeRateTuples('\u00851usdr').ok, true, 'NEL is space in Go');
  t.equal(parseExchangeRateTuples('\ufeff1usdr').ok, false, 'BOM is not');
  t.end();
});

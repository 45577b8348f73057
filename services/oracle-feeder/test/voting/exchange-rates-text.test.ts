// The rates text is what the engine parses and hashes: check it with the oracle core's own parser.
import t from 'tap';
import * as dec from '@marketnode/dec';
import { parseExchangeRateTuples } from '@marketnode/oracle';
import { exchangeRatesText, type DenomVote } from '../../src/voting/exchange-rates-text.js';

t.test('sorted denoms, canonical Dec text, abstain as zero; the core parses it back', async (t) => {
  const votes = new Map<string, DenomVote>([
    ['uusd', { rate: dec.parse('80.5') }],
    ['ukrw', { abstain: 'too few sources' }],
    ['ubtc', { rate: dec.parse('0.002') }],
  ]);
  const text = exchangeRatesText(votes);
  t.equal(text, '0.002000000000000000ubtc,0.000000000000000000ukrw,80.500000000000000000uusd');
  const parsed = parseExchangeRateTuples(text);
  t.ok(parsed.ok, 'the oracle parses it');
  if (!parsed.ok) return;
  t.same(
    parsed.tuples.map((tuple) => [tuple.denom, dec.format(tuple.exchangeRate)]),
    [
      ['ubtc', '0.002000000000000000'],
      ['ukrw', '0.000000000000000000'],
      ['uusd', '80.500000000000000000'],
    ],
  );
});

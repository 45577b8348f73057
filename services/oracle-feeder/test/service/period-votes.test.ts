// What a period's votes hold, from a real aggregation round: only whitelisted denoms (a vote naming
// another is rejected whole by the engine), an abstain for a whitelisted denom the aggregation did not
// price or abstained on, and rates exactly as the aggregation rounded them.
import t from 'tap';
import * as dec from '@marketnode/dec';
import { parseExchangeRateTuples } from '@marketnode/oracle';
import { aggregateRates } from '../../src/aggregation/aggregate-rates.js';
import { DEMO_DENOM_PRICING } from '../../src/aggregation/demo-pricing.js';
import { PriceDecimal } from '../../src/sources/price-decimal.js';
import { periodVotes } from '../../src/service/period-votes.js';

const NOW_MS = 1_700_000_000_000;

function round(pairs: Record<string, string>) {
  return aggregateRates({
    rounds: [
      {
        kind: 'quoted',
        source: 'one',
        maxAgeMs: 60_000,
        quotes: Object.entries(pairs).map(([pair, price]) => {
          const [base, quote] = pair.split('/') as [string, string];
          return { source: 'one', base, quote, price: new PriceDecimal(price), timestampMs: NOW_MS };
        }),
      },
    ],
    nowMs: NOW_MS,
    config: {
      denoms: DEMO_DENOM_PRICING,
      defaultPolicy: { minSources: 1, deviationBandPct: '5' },
      futureSkewMsMax: 5_000,
    },
  });
}

t.test('whitelisted denoms only; unpriced and abstained ones vote 0; rates as aggregated', async (t) => {
  // No USD/KRW quote: ukrw abstains. No BTC/USD either: ubtc abstains.
  const result = round({ 'LUNA/USDT': '80', 'USDT/USD': '1.001', 'USD/XDR': '0.75' });
  const votes = periodVotes({ period: 3n, whitelist: ['ukrw', 'umnt', 'usdr', 'uusd'], result });
  t.same(
    [...votes.votes.keys()].sort(),
    ['ukrw', 'umnt', 'usdr', 'uusd'],
    'ubtc is not whitelisted: left out',
  );
  t.match(votes.votes.get('ukrw'), { abstain: /USD\/KRW/ }, 'ukrw abstains, saying which pair was short');
  t.match(votes.votes.get('umnt'), { abstain: /no pricing configured/ });
  const uusd = result.denoms.find((denom) => denom.denom === 'uusd');
  t.equal(uusd?.kind, 'rate');
  t.same(
    votes.votes.get('uusd'),
    { rate: dec.parse(uusd?.kind === 'rate' ? uusd.rate.toFixed(18) : '0') },
    'the rate exactly as the aggregation rounded it',
  );
  const parsed = parseExchangeRateTuples(votes.exchangeRatesText);
  t.ok(parsed.ok, 'the text parses as the engine parses it');
  t.same(
    parsed.ok
      ? parsed.tuples.filter((tuple) => tuple.exchangeRate === dec.ZERO).map((tuple) => tuple.denom)
      : [],
    ['ukrw', 'umnt'],
    'abstains are sent as 0',
  );
});

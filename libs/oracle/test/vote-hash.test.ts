/**
 * The prevote hash (spec §4.3): SHA-256 of `salt:rates:voter`, first 20 bytes, lowercase hex.
 */
import t from 'tap';
import { aggregateVoteHash } from '../src/index.js';

const VOTER = 'terravaloper1v9jxgu33ta047h6lta047h6lta047h6lqx87tr';

t.test('hash of TestAggregateVoteHash', (t) => {
  const hash = aggregateVoteHash({ salt: 'salt', exchangeRatesText: '100ukrw,200uusd', voter: VOTER });
  t.equal(hash, 'ccea811348fe5c8e61ac91bab3d73111949c0cc5');
  t.end();
});

t.test('hash of TestMsgAggregateExchangeRatePrevote', (t) => {
  const text = '1.000000000000000000usdr,3212.100000000000000000ukrw';
  t.equal(
    aggregateVoteHash({ salt: '1', exchangeRatesText: text, voter: VOTER }),
    'fd7126a987c956ae99b906687a33295c7f4f15a6',
  );
  t.end();
});

t.test('hash matches the Umee cross-check literal', (t) => {
  const voter = 'umeevaloper1v9jxgu33ta047h6lta047h6lta047h6l5ltnvg';
  t.equal(
    aggregateVoteHash({ salt: 'salt', exchangeRatesText: 'UMEE:100,ATOM:100', voter }),
    '19c30cf9ea8aa0e0b03904162cadec0f2024a76d',
  );
  t.end();
});

t.test('the rates text is hashed byte for byte, without canonicalisation', (t) => {
  const canonical = aggregateVoteHash({ salt: 's', exchangeRatesText: '1700usdr', voter: VOTER });
  const padded = aggregateVoteHash({ salt: 's', exchangeRatesText: '1700.0usdr', voter: VOTER });
  t.not(canonical, padded);
  t.end();
});

/**
 * Cross rates (spec §4.7): each vote normalised by the voter's own reference-Terra vote.
 */
import t from 'tap';
import * as dec from '@marketnode/dec';
import { referenceVotesByVoter, toCrossRateWithSort, type BallotVote } from '../src/index.js';

const d = dec.parse;

t.test('a voter without a positive reference vote, or with rate 0, becomes a zero-power abstain', (t) => {
  // Given RT votes of v0 and v2 at 1600, and a ballot where v2 abstains and v1 has no RT vote
  const references = new Map([
    ['v0', d('1600')],
    ['v2', d('1600')],
  ]);
  const ballot: BallotVote[] = [
    { voter: 'v0', exchangeRate: d('100'), power: 100n },
    { voter: 'v1', exchangeRate: d('100'), power: 100n },
    { voter: 'v2', exchangeRate: d('0'), power: 100n },
  ];
  // When converted
  const cross = toCrossRateWithSort(ballot, references);
  // Then the spec's literal, sorted
  t.same(
    cross.map((v) => [v.voter, dec.format(v.exchangeRate), v.power]),
    [
      ['v1', '0.000000000000000000', 0n],
      ['v2', '0.000000000000000000', 0n],
      ['v0', '16.000000000000000000', 100n],
    ],
  );
  t.end();
});

t.test('the reference map keeps positive rates only', (t) => {
  const referenceBallot: BallotVote[] = [
    { voter: 'v0', exchangeRate: d('0'), power: 0n },
    { voter: 'v1', exchangeRate: d('1600'), power: 10n },
  ];
  t.same([...referenceVotesByVoter(referenceBallot)], [['v1', d('1600')]]);
  t.end();
});

t.test('the cross rate is RT.Quo(rate) with the two-step rounding', (t) => {
  const cross = toCrossRateWithSort(
    [{ voter: 'a', exchangeRate: d('60.3'), power: 1n }],
    new Map([['a', d('96000')]]),
  );
  t.equal(cross[0]?.exchangeRate, dec.quo(d('96000'), d('60.3')));
  t.end();
});

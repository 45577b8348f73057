/**
 * The weighted median (spec §4.5): literals of the upstream ballot tests and the spec's quirks, and
 * the property that it never invents a rate.
 */
import t from 'tap';
import fc from 'fast-check';
import * as dec from '@marketnode/dec';
import { propertyOptions } from '@marketnode/testkit';
import {
  BALLOT_MUST_BE_SORTED,
  ballotPower,
  sortBallot,
  weightedMedian,
  weightedMedianWithAssertion,
  type BallotVote,
} from '../src/index.js';

function ballotOf(entries: readonly [string, number][]): BallotVote[] {
  return entries.map(([rate, power], index) => ({
    voter: `v${index}`,
    exchangeRate: dec.parse(rate),
    power: BigInt(power),
  }));
}

const LITERALS: readonly { name: string; ballot: [string, number][]; median: string; total: bigint }[] = [
  {
    name: 'a supermajority on one number wins',
    ballot: [
      ['1', 1],
      ['2', 1],
      ['10', 100],
      ['100000', 1],
    ],
    median: '10',
    total: 103n,
  },
  {
    name: 'tie votes take the 2nd vote (half = 101)',
    ballot: [
      ['1', 1],
      ['2', 100],
      ['3', 100],
      ['4', 1],
    ],
    median: '2',
    total: 202n,
  },
  { name: 'no votes give 0', ballot: [], median: '0', total: 0n },
  {
    name: 'three unit powers take the lowest',
    ballot: [
      ['1', 1],
      ['2', 1],
      ['3', 1],
    ],
    median: '1',
    total: 3n,
  },
  {
    name: 'two equal halves take the lower',
    ballot: [
      ['1', 10],
      ['2', 10],
    ],
    median: '1',
    total: 20n,
  },
];

for (const literal of LITERALS) {
  t.test(`weighted median: ${literal.name}`, (t) => {
    const ballot = ballotOf(literal.ballot);
    t.equal(ballotPower(ballot), literal.total);
    t.equal(weightedMedian(ballot), dec.parse(literal.median));
    t.equal(weightedMedianWithAssertion(ballot), dec.parse(literal.median));
    t.end();
  });
}

t.test('weighted median with assertion throws on an unsorted ballot', (t) => {
  const ballot = ballotOf([
    ['2', 1],
    ['1', 1],
    ['10', 100],
    ['100000', 1],
  ]);
  t.throws(() => weightedMedianWithAssertion(ballot), new Error(BALLOT_MUST_BE_SORTED));
  t.end();
});

t.test('with total power ≤ 1 the first entry is returned, even a zero-power abstain', (t) => {
  const ballot = ballotOf([
    ['0', 0],
    ['5', 1],
  ]);
  t.equal(weightedMedian(ballot), dec.ZERO);
  t.end();
});

const arbitraryVote = fc.record({
  voter: fc.string({ minLength: 1, maxLength: 4 }),
  exchangeRate: fc.bigInt({ min: 0n, max: 10n ** 30n }).map(dec.fromScaled),
  power: fc.bigInt({ min: 0n, max: 1000n }),
});

t.test('the weighted median is always one of the submitted rates', (t) => {
  // Fails if the median interpolates (verified: returning the midpoint of the crossing vote and the
  // next one, instead of the crossing vote itself, fails at once).
  fc.assert(
    fc.property(fc.array(arbitraryVote, { minLength: 1, maxLength: 12 }), (votes) => {
      const ballot = sortBallot(votes);
      const median = weightedMedianWithAssertion(ballot);
      return ballot.some((vote) => vote.exchangeRate === median);
    }),
    propertyOptions(),
  );
  t.end();
});

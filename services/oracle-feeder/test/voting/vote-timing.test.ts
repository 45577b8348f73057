// The timing rules, checked against the engine's own reveal rule (`isRevealPeriod` of the oracle
// core) over every block of several periods, rather than against restated expectations.
import t from 'tap';
import fc from 'fast-check';
import { isPeriodLastBlock, isRevealPeriod } from '@marketnode/oracle';
import { propertyOptions } from '@marketnode/testkit';
import { isStalePending, planVoterStep } from '../../src/voting/vote-timing.js';

t.test('a voter following the plan every block reveals every prevote in its reveal period', async () => {
  fc.assert(
    fc.property(
      fc.bigInt({ min: 1n, max: 12n }),
      fc.bigInt({ min: 0n, max: 50n }),
      (votePeriod, startHeight) => {
        let prevote: { submitBlock: bigint } | undefined;
        let reveals = 0;
        for (let ended = startHeight; ended < startHeight + votePeriod * 6n; ended++) {
          const landing = ended + 1n;
          const step = planVoterStep({
            endedHeight: ended,
            votePeriod,
            prevotedPeriod: prevote === undefined ? undefined : prevote.submitBlock / votePeriod,
          });
          if (step.reveal) {
            if (prevote === undefined) return false;
            if (!isRevealPeriod({ height: landing, submitBlock: prevote.submitBlock, votePeriod }))
              return false;
            reveals++;
          }
          if (step.prevote) prevote = { submitBlock: landing };
        }
        // Six periods: at least four full reveal cycles whatever the start.
        return reveals >= 4;
      },
    ),
    propertyOptions(300),
  );
});

t.test('the vote comes with the next prevote, in the same step', async (t) => {
  const step = planVoterStep({ endedHeight: 9n, votePeriod: 5n, prevotedPeriod: 1n });
  t.same(step, { reveal: true, prevote: true, period: 2n });
});

t.test('no prevote alone into a block that ends its period', async (t) => {
  for (let ended = 0n; ended < 20n; ended++) {
    const step = planVoterStep({ endedHeight: ended, votePeriod: 5n, prevotedPeriod: undefined });
    t.equal(step.prevote, !isPeriodLastBlock(ended + 1n, 5n), `after block ${ended}`);
    t.equal(step.reveal, false);
  }
});

t.test('once prevoted in a period, nothing more is sent in it', async (t) => {
  const step = planVoterStep({ endedHeight: 11n, votePeriod: 5n, prevotedPeriod: 2n });
  t.same(step, { reveal: false, prevote: false, period: 2n });
});

t.test('a pending vote is stale once its reveal period has passed', async (t) => {
  t.equal(isStalePending({ pendingPeriod: 2n, endedHeight: 11n, votePeriod: 5n }), false, 'same period');
  t.equal(isStalePending({ pendingPeriod: 2n, endedHeight: 14n, votePeriod: 5n }), false, 'reveal period');
  t.equal(isStalePending({ pendingPeriod: 2n, endedHeight: 19n, votePeriod: 5n }), true, 'a period later');
  t.equal(isStalePending({ pendingPeriod: 9n, endedHeight: 14n, votePeriod: 5n }), true, 'from the future');
});

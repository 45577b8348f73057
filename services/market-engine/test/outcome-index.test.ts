// The idempotency index (docs/protocol.md): a retry finds the seq of its request's outcome while the
// request is among the last `retainedMax` recorded, oldest out first, whoever the trader; the same
// request id under another trader is another request.
import t from 'tap';
import fc from 'fast-check';
import { propertyOptions, propertySeed } from '@marketnode/testkit';
import { OutcomeIndex } from '../src/engine/outcome-index.js';

t.comment(`property seed ${propertySeed()} (PROPERTY_SEED replays a run)`);

t.test('a recorded request is found by its trader and id, and only so', async (t) => {
  const index = new OutcomeIndex();
  index.record('terra1alice', 'r-1', 7n);
  t.equal(index.find('terra1alice', 'r-1'), 7n);
  t.equal(index.find('terra1bob', 'r-1'), undefined, 'the same id under another trader');
  t.equal(index.find('terra1alice', 'r-2'), undefined);
  t.equal(index.size, 1);
});

t.test('past the window the oldest request leaves first, across traders', async (t) => {
  // Given a window of three
  const index = new OutcomeIndex(3);
  index.record('terra1alice', 'a', 1n);
  index.record('terra1bob', 'a', 2n);
  index.record('terra1alice', 'b', 3n);
  // When a fourth and a fifth are recorded
  index.record('terra1carol', 'a', 4n);
  t.equal(index.find('terra1alice', 'a'), undefined, 'the first is gone');
  index.record('terra1alice', 'c', 5n);
  // Then the window holds the last three
  t.equal(index.find('terra1bob', 'a'), undefined, 'the second is gone');
  t.same(
    [index.find('terra1alice', 'b'), index.find('terra1carol', 'a'), index.find('terra1alice', 'c')],
    [3n, 4n, 5n],
  );
  t.equal(index.size, 3);
});

t.test('the window equals a first-in, first-out list of the last requests', async (t) => {
  const step = fc.record({
    trader: fc.constantFrom('terra1alice', 'terra1bob', 'terra1carol'),
    requestId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
  });
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 5 }), fc.array(step, { maxLength: 60 }), (retainedMax, steps) => {
      const index = new OutcomeIndex(retainedMax);
      const model: { key: string; seq: bigint }[] = [];
      for (const [i, { trader, requestId }] of steps.entries()) {
        const key = `${trader}/${requestId}`;
        const inModel = model.find((entry) => entry.key === key);
        const found = index.find(trader, requestId);
        if (found !== inModel?.seq) return false;
        // As the engine does: a request found is answered from the log, not recorded again.
        if (found !== undefined) continue;
        index.record(trader, requestId, BigInt(i + 1));
        model.push({ key, seq: BigInt(i + 1) });
        if (model.length > retainedMax) model.shift();
        if (index.size !== model.length) return false;
      }
      return true;
    }),
    propertyOptions(),
  );
  t.pass('the index and the list agreed at every step');
});

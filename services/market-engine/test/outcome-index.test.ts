// The idempotency index (docs/protocol.md): a retry finds the seq of its request's outcome while the
// request is among the last `retainedMax` recorded, oldest out first, whoever the trader; the same
// request id under another trader is another request. Hash collisions never change an answer.
import t from 'tap';
import fc from 'fast-check';
import { propertyOptions, propertySeed } from '@marketnode/testkit';
import {
  OutcomeIndex,
  requestHash,
  type RecordedRequests,
  type RequestHash,
  type RequestKey,
} from '../src/engine/outcome-index.js';

t.comment(`property seed ${propertySeed()} (PROPERTY_SEED replays a run)`);

/** What the log would hold: the request each recorded seq is the outcome of; counts the reads. */
class RecordedModel implements RecordedRequests {
  readonly requests = new Map<bigint, RequestKey>();
  reads = 0;

  requestAt(seq: bigint): RequestKey {
    this.reads += 1;
    const request = this.requests.get(seq);
    if (request === undefined) throw new Error(`the index asked for seq ${seq}, which holds no swap`);
    return request;
  }
}

/** Records the request in the index and in the model of the log, as the engine does. */
function record(
  index: OutcomeIndex,
  log: RecordedModel,
  trader: string,
  requestId: string,
  seq: bigint,
): void {
  log.requests.set(seq, { trader, requestId });
  index.record(trader, requestId, seq);
}

const HASHES: Readonly<Record<string, RequestHash>> = {
  'the engine hash': requestHash,
  'a hash where every request collides': () => 7,
  'a hash where many requests collide': (trader, requestId) => trader.length + requestId.charCodeAt(0),
  // Negative hashes whose home slots are the last of the table: probing wraps around to the start.
  'a hash whose clusters wrap around the table': (trader, requestId) =>
    -1 - ((trader.charCodeAt(6) + requestId.charCodeAt(0)) % 4),
};

t.test('a recorded request is found by its trader and id, and only so', async (t) => {
  const index = new OutcomeIndex();
  const log = new RecordedModel();
  record(index, log, 'terra1alice', 'r-1', 7n);
  t.equal(index.find('terra1alice', 'r-1', log), 7n);
  t.equal(index.find('terra1bob', 'r-1', log), undefined, 'the same id under another trader');
  t.equal(index.find('terra1alice', 'r-2', log), undefined);
  t.equal(index.size, 1);
});

t.test('past the window the oldest request leaves first, across traders', async (t) => {
  // Given a window of three
  const index = new OutcomeIndex(3);
  const log = new RecordedModel();
  record(index, log, 'terra1alice', 'a', 1n);
  record(index, log, 'terra1bob', 'a', 2n);
  record(index, log, 'terra1alice', 'b', 3n);
  // When a fourth and a fifth are recorded
  record(index, log, 'terra1carol', 'a', 4n);
  t.equal(index.find('terra1alice', 'a', log), undefined, 'the first is gone');
  record(index, log, 'terra1alice', 'c', 5n);
  // Then the window holds the last three
  t.equal(index.find('terra1bob', 'a', log), undefined, 'the second is gone');
  t.same(
    [
      index.find('terra1alice', 'b', log),
      index.find('terra1carol', 'a', log),
      index.find('terra1alice', 'c', log),
    ],
    [3n, 4n, 5n],
  );
  t.equal(index.size, 3);
});

t.test('a window of a thousand over five thousand requests holds exactly the last thousand', async (t) => {
  const index = new OutcomeIndex(1000);
  const log = new RecordedModel();
  for (let seq = 1n; seq <= 5000n; seq += 1n) record(index, log, `terra1trader${seq % 7n}`, `r-${seq}`, seq);
  const found: bigint[] = [];
  for (let seq = 1n; seq <= 5000n; seq += 1n) {
    const hit = index.find(`terra1trader${seq % 7n}`, `r-${seq}`, log);
    if (hit !== undefined) found.push(hit);
  }
  t.same(
    found,
    Array.from({ length: 1000 }, (_, i) => BigInt(4001 + i)),
  );
  t.equal(index.size, 1000);
});

t.test('requests whose hashes collide are told apart by the request their entry records', async (t) => {
  // Given a hash under which every request collides
  const index = new OutcomeIndex(10, () => 0);
  const log = new RecordedModel();
  record(index, log, 'terra1alice', 'a', 1n);
  record(index, log, 'terra1bob', 'a', 2n);
  // Then each is found with its own seq, and a third request with the same hash is not found
  t.equal(index.find('terra1alice', 'a', log), 1n);
  t.equal(index.find('terra1bob', 'a', log), 2n);
  t.equal(index.find('terra1carol', 'a', log), undefined);
  t.equal(index.size, 2);
});

t.test('a lookup reads an entry back only when its hash is in the window', async (t) => {
  const index = new OutcomeIndex();
  const log = new RecordedModel();
  for (let seq = 1n; seq <= 1000n; seq += 1n) record(index, log, 'terra1alice', `r-${seq}`, seq);
  log.reads = 0;
  for (let i = 1; i <= 1000; i += 1) index.find('terra1bob', `r-${i}`, log);
  // 1000 misses against 1000 hashes in 2^32: a read is a collision, one in millions
  t.ok(log.reads <= 1, `${log.reads} entries read for 1000 misses`);
  log.reads = 0;
  for (let i = 1; i <= 1000; i += 1) index.find('terra1alice', `r-${i}`, log);
  t.equal(log.reads, 1000, 'one read for each hit, to confirm it');
});

for (const [name, hash] of Object.entries(HASHES)) {
  t.test(`the window equals a first-in, first-out list of the last requests, with ${name}`, async (t) => {
    const step = fc.record({
      trader: fc.constantFrom('terra1alice', 'terra1bob', 'terra1carol'),
      requestId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(step, { maxLength: 60 }), (retainedMax, steps) => {
        const index = new OutcomeIndex(retainedMax, hash);
        const log = new RecordedModel();
        const model: { key: string; seq: bigint }[] = [];
        for (const [i, { trader, requestId }] of steps.entries()) {
          const key = `${trader}/${requestId}`;
          const inModel = model.find((entry) => entry.key === key);
          const found = index.find(trader, requestId, log);
          if (found !== inModel?.seq) return false;
          // As the engine does: a request found is answered from the log, not recorded again.
          if (found !== undefined) continue;
          record(index, log, trader, requestId, BigInt(i + 1));
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
}

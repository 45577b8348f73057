// Oracle messages are published on the validator's subjects with the protocol's payloads, their
// results are awaited on the validator's result subject, and the engine's streams (block headers,
// committed entries, oracle results) are read as typed, bounded async iterables.
import t from 'tap';
import { committedSubject, encodePayload, oracleResultSubject, SUBJECTS } from '@marketnode/nats-kit';
import { MarketClient, OracleResultTimeoutError, type BlockHeader } from '../src/index.js';
import { eventually, FakeEngine } from './support/fake-engine.js';

const engine = await FakeEngine.start();
t.teardown(() => engine.stop());
const client = await MarketClient.connect({ servers: engine.url, name: 'test-feeder', timeoutMs: 3_000 });
t.teardown(() => client.close());
const VALIDATOR = 'terravaloper1alpha';

t.test('delegate, prevote and vote go to the validator subjects with only the payload fields', async (t) => {
  await client.delegate({ validator: VALIDATOR, delegate: 'terra1feeder' });
  await client.prevote({ validator: VALIDATOR, hash: 'ab'.repeat(20) });
  await client.vote({ validator: VALIDATOR, salt: '1f2e', exchangeRates: '80.0uusd,0.002ubtc' });
  await eventually(() => engine.received.length >= 3);
  t.same(engine.received.slice(-3), [
    { subject: `oracle.${VALIDATOR}.delegate`, payload: { delegate: 'terra1feeder' } },
    { subject: `oracle.${VALIDATOR}.prevote`, payload: { hash: 'ab'.repeat(20) } },
    { subject: `oracle.${VALIDATOR}.vote`, payload: { salt: '1f2e', exchangeRates: '80.0uusd,0.002ubtc' } },
  ]);
});

t.test('a result published after the wait began is received, accepted or rejected', async (t) => {
  // Given a wait that started before the message was published (as documented)
  const accepted = client.waitOracleResult(VALIDATOR, { timeoutMs: 3_000 });
  await client.prevote({ validator: VALIDATOR, hash: 'ab'.repeat(20) });
  // When the engine publishes the outcome
  const event = {
    v: 1,
    type: 'PrevoteSubmitted',
    validator: VALIDATOR,
    feeder: 'terra1alpha',
    hash: 'ab',
    submitBlock: 7n,
  };
  await engine.publish(oracleResultSubject(VALIDATOR), { ok: true, event });
  // Then the wait resolves with the event and the validator taken from the subject
  t.same(await accepted, { ok: true, validator: VALIDATOR, event });

  const rejected = client.waitOracleResult(VALIDATOR, { timeoutMs: 3_000 });
  await client.vote({ validator: VALIDATOR, salt: '1f2e', exchangeRates: '80.0uusd' });
  const error = { code: 'ORACLE_ERR_NO_PREVOTE', message: 'no prevote', hint: 'Send a prevote first.' };
  await engine.publish(oracleResultSubject(VALIDATOR), { ok: false, error });
  t.same(await rejected, { ok: false, validator: VALIDATOR, error });

  // And a result sent as a plain wire reply (`value` in place of `event`) reads the same
  const asReply = client.waitOracleResult(VALIDATOR, { timeoutMs: 3_000 });
  await client.prevote({ validator: VALIDATOR, hash: 'cd'.repeat(20) });
  await engine.publish(oracleResultSubject(VALIDATOR), { ok: true, value: event });
  t.same(await asReply, { ok: true, validator: VALIDATOR, event });
});

t.test('a wait with no result ends with OracleResultTimeoutError', async (t) => {
  const waiting = client.waitOracleResult('terravaloper1quiet', { timeoutMs: 100 });
  await t.rejects(waiting, OracleResultTimeoutError);
  await t.rejects(waiting, { code: 'CLIENT_ERR_ORACLE_RESULT_TIMEOUT', validator: 'terravaloper1quiet' });
});

t.test('block headers are typed; a malformed one is counted and skipped', async (t) => {
  const malformed: string[] = [];
  const headers = client.subscribeBlockHeaders({ onMalformed: (error) => malformed.push(error.path) });
  await client.connection.flush();
  const header = {
    height: 9n,
    timeMs: 1_700_000_000_000n,
    seq: 120n,
    stateHash: new Uint8Array(32).fill(1),
    entryHash: 'ff'.repeat(32),
  };
  await engine.publish(SUBJECTS.blockHeader, header);
  await engine.publish(SUBJECTS.blockHeader, { ...header, height: -1 });
  await engine.publishRaw(SUBJECTS.blockHeader, new Uint8Array([0xc1]));
  await engine.publish(SUBJECTS.blockHeader, { ...header, height: 10, seq: 121 });
  const seen: BlockHeader[] = [];
  for await (const received of headers) {
    seen.push(received);
    if (seen.length === 2) break;
  }
  t.same(
    seen.map((h) => [h.height, h.seq]),
    [
      [9n, 120n],
      [10n, 121n],
    ],
  );
  t.equal(seen[0]?.stateHash, '01'.repeat(32));
  t.equal(headers.malformed, 2);
  t.same(malformed, ['header.height', 'payload']);
});

t.test(
  'committed entries carry their seq and their exact bytes, one per message or in a batch',
  async (t) => {
    const committed = client.subscribeCommitted();
    await client.connection.flush();
    // Given entry bytes (an envelope is a msgpack map) sent alone, then two consecutive ones in a batch
    const [entry41, entry42, entry43] = [41, 42, 43].map((seq) => encodePayload({ v: 1, seq: BigInt(seq) }));
    await engine.publishRaw(committedSubject(41n), entry41!);
    await engine.publish(committedSubject(42n), [entry42, entry43]);
    // Then each entry comes out with its own seq and bytes
    const seen: { seq: bigint; bytes: Uint8Array }[] = [];
    for await (const message of committed) {
      seen.push(message);
      if (seen.length === 3) break;
    }
    t.same(
      seen.map((m) => m.seq),
      [41n, 42n, 43n],
    );
    t.same(
      seen.map((m) => [...m.bytes]),
      [entry41, entry42, entry43].map((bytes) => [...bytes!]),
    );
  },
);

t.test('a stream whose reader falls behind drops beyond its bound and says so', async (t) => {
  const results = client.subscribeOracleResults(undefined, { bufferedMax: 2 });
  await client.connection.flush();
  for (const n of [1, 2, 3, 4])
    await engine.publish(oracleResultSubject(`terravaloper${n}`), {
      ok: true,
      event: { type: 'VoteSubmitted' },
    });
  await eventually(() => results.dropped === 2);
  results.unsubscribe();
  const validators: string[] = [];
  for await (const result of results) validators.push(result.validator);
  t.same(validators, ['terravaloper1', 'terravaloper2'], 'the first two, then the stream ended');
});

/**
 * The committed stream under load: thousands of swaps in flight make batches of hundreds of entries,
 * far more bytes than one NATS message holds. Every entry must still be published once, in order,
 * with the exact bytes the log stored, and the engine must keep running.
 */
import t from 'tap';
import { MarketClient } from '@marketnode/market-client';
import { openLogReader } from '@marketnode/log-store';
import { startEngineFixture } from './support/engine-fixture.js';

const SWAPS = 3000;

t.test('every committed entry is published once, in order, with its stored bytes', async (t) => {
  const fixture = await startEngineFixture();
  t.teardown(() => fixture.close());
  const client = await MarketClient.connect({ servers: fixture.nats.url, timeoutMs: 30_000 });
  t.teardown(() => client.close());
  const stream = client.subscribeCommitted({ bufferedMax: SWAPS * 2 });
  await client.connection.flush();

  const results = await Promise.all(
    Array.from({ length: SWAPS }, (_, index) =>
      client.swap({
        trader: index % 2 === 0 ? 'terra1alice' : 'terra1bob',
        requestId: `load-${index}`,
        offer: { denom: 'uusd', amount: 1000n + BigInt(index) },
        askDenom: 'uluna',
      }),
    ),
  );
  t.equal(results.filter((result) => result.ok).length, SWAPS, 'every swap executed');
  const lastSeq = fixture.engine.lastSeq;
  t.equal(lastSeq, BigInt(SWAPS));

  const received = new Map<bigint, Uint8Array>();
  let duplicates = 0;
  for await (const entry of stream) {
    if (received.has(entry.seq)) duplicates += 1;
    received.set(entry.seq, entry.bytes);
    if (received.size === SWAPS) break;
  }
  t.equal(duplicates, 0, 'no entry published twice');
  t.equal(stream.dropped, 0);
  const reader = openLogReader({ path: fixture.dataDir });
  t.teardown(() => reader.close());
  let mismatches = 0;
  for (const entry of reader.readRange(1n, lastSeq)) {
    const bytes = received.get(entry.seq);
    if (bytes === undefined || !Buffer.from(bytes).equals(Buffer.from(entry.bytes))) mismatches += 1;
  }
  t.equal(mismatches, 0, 'every published entry has the bytes the log stored');
  const pool = await client.pool();
  t.ok(pool.ok, 'the engine still answers after the big batches');
});

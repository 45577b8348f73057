// tail yields every entry from a seq on, in order, then each new one as it is committed, whether the
// writer is this process (woken by the commit) or another one (found by polling the file); it ends
// when its signal aborts or the store closes.
import t from 'tap';
import { type LogEntry, READ_CHUNK_ENTRIES, openLogReader, openLogWriter } from '../src/index.js';
import { CommitNotifier } from '../src/commit-notifier.js';
import { startFixture } from './support/child-process.js';
import { GENESIS_HASH, bodyOf } from './support/entries.js';
import { tempDir } from './support/temp-dir.js';
import { withTimeout } from './support/timeout.js';

const entries = (fromSeq: bigint, count: number): { height: bigint; body: Buffer }[] =>
  Array.from({ length: count }, (_, i) => ({ height: 1n, body: bodyOf(fromSeq + BigInt(i)) }));

/** Collects `count` entries from the iterator, then stops it. */
async function take(iterator: AsyncGenerator<LogEntry>, count: number): Promise<bigint[]> {
  const seqs: bigint[] = [];
  for await (const entry of iterator) {
    seqs.push(entry.seq);
    if (seqs.length === count) break;
  }
  return seqs;
}

t.test('on the writer: existing entries first, then each commit as it happens', async (t) => {
  const path = tempDir(t);
  const writer = openLogWriter({ path, genesisHash: GENESIS_HASH });
  t.teardown(() => writer.close());
  await writer.appendBatch(entries(1n, 2));
  const collected = take(writer.tail(1n), 5);
  await writer.appendBatch(entries(3n, 3));
  t.same(await withTimeout(collected, 'the tail to see 5 entries'), [1n, 2n, 3n, 4n, 5n]);
});

t.test("a commit wakes a waiting tail of the writer's process at once (no poll needed)", async (t) => {
  // A wait far longer than the test's own await bound: only notify() can end it in time.
  const notifier = new CommitNotifier();
  const waited = notifier.wait(3_600_000, []);
  notifier.notify();
  await withTimeout(waited, 'the notified wait to end');
  t.pass('woken by the commit');
  const controller = new AbortController();
  const aborted = notifier.wait(3_600_000, [controller.signal]);
  controller.abort();
  await withTimeout(aborted, 'the aborted wait to end');
  t.pass('woken by an abort');
});

t.test('from another process: a reader tails the entries a child writer appends', async (t) => {
  const path = tempDir(t);
  const holder = startFixture(t, 'lock-holder', [path]);
  await holder.nextLine((line) => line.startsWith('ready '), 'the writer to open');
  holder.send('append 2');
  await holder.nextLine((line) => line.startsWith('appended '), 'the first append');
  const reader = openLogReader({ path });
  t.teardown(() => reader.close());
  const collected = take(reader.tail(2n, { pollIntervalMs: 5 }), 4);
  holder.send('append 3');
  await holder.nextLine((line) => line.startsWith('appended '), 'the second append');
  t.same(await withTimeout(collected, 'the tail to see 4 entries'), [2n, 3n, 4n, 5n]);
});

t.test('a tail crosses read chunks without skipping or repeating', async (t) => {
  const path = tempDir(t);
  const writer = openLogWriter({ path, genesisHash: GENESIS_HASH });
  t.teardown(() => writer.close());
  const count = READ_CHUNK_ENTRIES * 2 + 3;
  await writer.appendBatch(entries(1n, count));
  const seqs = await withTimeout(take(writer.tail(1n), count), 'the whole log');
  t.ok(
    seqs.every((seq, i) => seq === BigInt(i + 1)),
    `${count} entries in order`,
  );
});

t.test('aborting the signal ends a waiting tail; so does closing the store', async (t) => {
  const path = tempDir(t);
  const writer = openLogWriter({ path, genesisHash: GENESIS_HASH });
  await writer.appendBatch(entries(1n, 1));
  const controller = new AbortController();
  const aborted = take(writer.tail(1n, { signal: controller.signal }), 10);
  const reader = openLogReader({ path });
  const closed = take(reader.tail(1n), 10);
  await new Promise((resolve) => setTimeout(resolve, 30));
  controller.abort();
  t.same(await withTimeout(aborted, 'the aborted tail to end'), [1n]);
  await reader.close();
  t.same(await withTimeout(closed, 'the closed tail to end'), [1n]);
  await writer.close();
});

t.test('the poll interval is bounded', async (t) => {
  const path = tempDir(t);
  const writer = openLogWriter({ path, genesisHash: GENESIS_HASH });
  t.teardown(() => writer.close());
  await t.rejects(take(writer.tail(1n, { pollIntervalMs: 0 }), 1), { code: 'ERR_ASSERTION' });
  await t.rejects(take(writer.tail(1n, { pollIntervalMs: 60_000 }), 1), { code: 'ERR_ASSERTION' });
});

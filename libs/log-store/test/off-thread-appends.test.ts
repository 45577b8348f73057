// Appends on their own thread store exactly what the writer's own appends store, durably and in
// order; a snapshot travels with its batch; the writer stops appending itself once it handed over;
// and the first failure (here a takeover's fencing) stops every later append.
import t from 'tap';
import {
  LogWriterFailedError,
  type NewEntry,
  openLogReader,
  openLogWriter,
  startOffThreadAppender,
} from '../src/index.js';
import { GENESIS_HASH, bodyOf, stateHashOf } from './support/entries.js';
import { tempDir } from './support/temp-dir.js';

/** Seqs 1..count at heights of 10 entries each, every 10th a block entry with its state hash. */
function entries(count: number): NewEntry[] {
  return Array.from({ length: count }, (_, i) => {
    const seq = BigInt(i + 1);
    const height = BigInt(Math.floor(i / 10) + 1);
    const body = bodyOf(seq, 40 + (i % 7) * 13);
    return (i + 1) % 10 === 0 ? { height, body, stateHash: stateHashOf(height) } : { height, body };
  });
}

/** A writer on a fresh log that handed its appends to a thread; both closed when the test ends. */
async function appenderOnFreshLog(t: Parameters<typeof tempDir>[0]) {
  const writer = openLogWriter({ path: tempDir(t), genesisHash: GENESIS_HASH });
  const appender = await startOffThreadAppender(writer);
  t.teardown(async () => {
    await appender.close();
    await writer.close();
  });
  return { writer, appender };
}

t.test('the thread stores byte for byte what the writer itself would, in order and chained', async (t) => {
  const all = entries(250);
  const batches = [all.slice(0, 1), all.slice(1, 100), all.slice(100, 101), all.slice(101)];

  const ownPath = tempDir(t);
  const own = openLogWriter({ path: ownPath, genesisHash: GENESIS_HASH });
  for (const batch of batches) await own.appendBatch(batch);
  await own.close();

  const path = tempDir(t);
  const writer = openLogWriter({ path, genesisHash: GENESIS_HASH });
  const appender = await startOffThreadAppender(writer);
  // All in flight at once: the thread keeps their order.
  const results = await Promise.all(batches.map((batch) => appender.appendBatch(batch)));
  t.equal(appender.lastSeq, 250n);
  const appended = results.flat();
  t.same(
    appended.map((entry) => entry.seq),
    all.map((_, i) => BigInt(i + 1)),
  );
  await appender.close();
  await writer.close();

  const ownLog = openLogReader({ path: ownPath });
  const log = openLogReader({ path });
  t.teardown(async () => {
    await ownLog.close();
    await log.close();
  });
  const stored = [...log.readRange(1n)];
  const ownStored = [...ownLog.readRange(1n)];
  t.equal(stored.length, 250);
  t.ok(
    stored.every((entry, i) => Buffer.from(entry.bytes).equals(Buffer.from(ownStored[i]!.bytes))),
    'every stored envelope equals the one the writer stores itself',
  );
  t.ok(
    appended.every((entry, i) => Buffer.from(entry.bytes).equals(Buffer.from(stored[i]!.bytes))),
    'the entries the append resolved with are the stored ones',
  );
  t.ok(
    appended.every(
      (entry, i) => i === 0 || Buffer.from(entry.prevHash).equals(Buffer.from(appended[i - 1]!.hash)),
    ),
    'each resolved entry names the one before as its prevHash',
  );
  t.ok((await log.verifyChain()).ok, 'the chain verifies');
});

t.test('a snapshot is written with the batch that ends at its block entry', async (t) => {
  const { writer, appender } = await appenderOnFreshLog(t);
  const snapshotBytes = Buffer.from('the state after block 1');
  await appender.appendBatch(entries(10), { snapshot: { bytes: snapshotBytes } });
  const snapshot = writer.latestSnapshot();
  t.equal(snapshot?.height, 1n);
  t.equal(snapshot?.seq, 10n);
  t.same(Buffer.from(snapshot?.bytes ?? []), snapshotBytes);
});

t.test('once appends are handed over, the writer refuses to append itself', async (t) => {
  const { writer, appender } = await appenderOnFreshLog(t);
  t.throws(() => writer.appendBatch(entries(1)), /handed over/);
  t.throws(() => writer.handOverAppends(), /already handed over/);
  await appender.appendBatch(entries(1));
  t.equal(writer.lastEntry()?.seq, 1n, 'the appender still appends');
});

t.test('a fenced append fails, and every later one is refused', async (t) => {
  const path = tempDir(t);
  const writer = openLogWriter({ path, genesisHash: GENESIS_HASH });
  const appender = await startOffThreadAppender(writer);
  const batch = entries(20);
  await appender.appendBatch(batch.slice(0, 10));
  const second = openLogWriter({ path, genesisHash: GENESIS_HASH, takeover: true });
  t.teardown(async () => {
    await appender.close();
    await writer.close();
    await second.close();
  });
  await t.rejects(appender.appendBatch(batch.slice(10, 15)), { code: 'LOG_ERR_WRITER_FENCED' });
  await t.rejects(appender.appendBatch(batch.slice(15)), LogWriterFailedError, 'the first failure is final');
  t.equal(second.lastEntry()?.seq, 10n, 'nothing of the fenced batch is in the log');
});

t.test('if the append thread dies, every later append fails with a typed error', async (t) => {
  const { appender } = await appenderOnFreshLog(t);
  await appender.appendBatch(entries(1));
  // The thread's own handle is internal: stopping it here stands for a crash of the thread.
  await (appender as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
  await t.rejects(appender.appendBatch(entries(2).slice(1)), {
    code: 'LOG_ERR_WRITER_FAILED',
    cause: { code: 'LOG_ERR_APPEND_THREAD' },
  });
});

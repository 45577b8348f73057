// One writer at a time: a second writer cannot open while a live one holds the lock (the error names
// the holder's pid), readers may open beside it, a dead holder's lock is taken over without help, and a
// writer that was superseded (fenced by a newer epoch) can never append again.
import t from 'tap';
import {
  LogWriterFailedError,
  LogWriterFencedError,
  LogWriterLockedError,
  openLogReader,
  openLogWriter,
} from '../src/index.js';
import { startFixture } from './support/child-process.js';
import { GENESIS_HASH, bodyOf } from './support/entries.js';
import { tempDir } from './support/temp-dir.js';
import { withTimeout } from './support/timeout.js';

const entry = (seq: bigint): { height: bigint; body: Buffer } => ({ height: 1n, body: bodyOf(seq) });

t.test('a second process cannot open for writing; the error names the holder pid', async (t) => {
  const path = tempDir(t);
  const holder = startFixture(t, 'lock-holder', [path]);
  await holder.nextLine((line) => line.startsWith('ready '), 'the holder to open');
  const error = t.throws(() => openLogWriter({ path, genesisHash: GENESIS_HASH }), LogWriterLockedError);
  t.equal((error as LogWriterLockedError).code, 'LOG_ERR_WRITER_LOCKED');
  t.equal((error as LogWriterLockedError).holderPid, holder.pid);
  t.match((error as Error).message, `pid ${holder.pid}`);
  const other = startFixture(t, 'lock-holder', [path]);
  t.equal(
    await other.nextLine((line) => line.startsWith('error '), 'the second process to be refused'),
    `error LOG_ERR_WRITER_LOCKED ${holder.pid}`,
  );
});

t.test('readers open beside the writer and see what it appends', async (t) => {
  const path = tempDir(t);
  const holder = startFixture(t, 'lock-holder', [path]);
  await holder.nextLine((line) => line.startsWith('ready '), 'the holder to open');
  holder.send('append 3');
  t.equal(await holder.nextLine((line) => line.startsWith('appended '), 'the append'), 'appended 3');
  const reader = openLogReader({ path });
  t.teardown(() => reader.close());
  t.equal(reader.lastEntry()?.seq, 3n);
  holder.send('append 2');
  await holder.nextLine((line) => line.startsWith('appended '), 'the second append');
  t.equal(reader.lastEntry()?.seq, 5n, 'the reader sees the later commit');
});

t.test('the lock of a killed writer is taken without takeover, under a higher epoch', async (t) => {
  const path = tempDir(t);
  const holder = startFixture(t, 'lock-holder', [path]);
  const ready = await holder.nextLine((line) => line.startsWith('ready '), 'the holder to open');
  const holderEpoch = Number(ready.split(' ')[2]);
  holder.send('append 2');
  await holder.nextLine((line) => line.startsWith('appended '), 'the append');
  holder.kill('SIGKILL');
  await withTimeout(holder.exited, 'the holder to die');
  const writer = openLogWriter({ path, genesisHash: GENESIS_HASH });
  t.teardown(() => writer.close());
  t.ok(writer.epoch > holderEpoch, `epoch ${writer.epoch} > ${holderEpoch}`);
  const [next] = await writer.appendBatch([entry(3n)]);
  t.equal(next!.seq, 3n);
});

t.test('a live writer in another process is fenced by a takeover and cannot append', async (t) => {
  const path = tempDir(t);
  const stale = startFixture(t, 'lock-holder', [path]);
  await stale.nextLine((line) => line.startsWith('ready '), 'the first writer to open');
  stale.send('append 2');
  await stale.nextLine((line) => line.startsWith('appended '), 'its append');
  const writer = openLogWriter({ path, genesisHash: GENESIS_HASH, takeover: true });
  t.teardown(() => writer.close());
  stale.send('append 1');
  t.equal(
    await stale.nextLine((line) => line.startsWith('error '), 'the stale append'),
    'error LOG_ERR_WRITER_FENCED',
  );
  stale.send('append 1');
  t.equal(
    await stale.nextLine((line) => line.startsWith('error '), 'the next one'),
    'error LOG_ERR_WRITER_FAILED',
  );
  const [next] = await writer.appendBatch([entry(3n)]);
  t.equal(next!.seq, 3n, 'the new writer continues the chain the stale one left');
  t.ok((await writer.verifyChain()).ok);
});

t.test('in one process: a superseded writer is fenced, even with appends in flight', async (t) => {
  const path = tempDir(t);
  const first = openLogWriter({ path, genesisHash: GENESIS_HASH });
  await first.appendBatch([entry(1n)]);
  t.throws(
    () => openLogWriter({ path, genesisHash: GENESIS_HASH }),
    LogWriterLockedError,
    'locked, same process',
  );
  const inFlight = [first.appendBatch([entry(2n)]), first.appendBatch([entry(3n)])];
  const second = openLogWriter({ path, genesisHash: GENESIS_HASH, takeover: true });
  t.teardown(async () => {
    await first.close();
    await second.close();
  });
  const results = await Promise.allSettled(inFlight);
  const landed = results.filter((result) => result.status === 'fulfilled').length;
  t.equal(
    second.lastSeq,
    1n + BigInt(landed),
    'the new writer resumes after whatever landed before it took over',
  );
  await t.rejects(first.appendBatch([entry(9n)]), LogWriterFailedError);
  for (const result of results)
    if (result.status === 'rejected')
      t.type(result.reason, LogWriterFencedError, 'a fenced append wrote nothing');
  const [next] = await second.appendBatch([entry(second.lastSeq + 1n)]);
  t.equal(next!.seq, 2n + BigInt(landed));
  t.ok((await second.verifyChain()).ok, 'no gap, no fork');
});

t.test(
  'the fencing check runs inside the write: an append queued before a takeover is refused',
  async (t) => {
    const path = tempDir(t);
    const first = openLogWriter({ path, genesisHash: GENESIS_HASH });
    await first.appendBatch([entry(1n)]);
    // Queued in this turn, executed after the takeover below has committed its new epoch.
    const queued = first.appendBatch([entry(2n)]);
    const second = openLogWriter({ path, genesisHash: GENESIS_HASH, takeover: true });
    t.teardown(async () => {
      await first.close();
      await second.close();
    });
    await t.rejects(queued, { code: 'LOG_ERR_WRITER_FENCED' });
    t.equal(second.lastEntry()?.seq, 1n, 'nothing of the fenced batch is in the log');
  },
);

t.test('closing releases the lock: the next writer needs no takeover', async (t) => {
  const path = tempDir(t);
  const first = openLogWriter({ path, genesisHash: GENESIS_HASH });
  await first.close();
  const second = openLogWriter({ path, genesisHash: GENESIS_HASH });
  t.teardown(() => second.close());
  t.equal(second.epoch, first.epoch + 1);
});

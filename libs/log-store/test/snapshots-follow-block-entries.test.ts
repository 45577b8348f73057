// Snapshots are stored by height in their own database, bound to the block entry they follow (its seq
// and hash), written durably either in the same transaction as that entry or on their own; the newest
// ones are kept, and a snapshot altered on disk is refused when read.
import t from 'tap';
import { open } from 'lmdb';
import { LogCorruptError, lmdbOptions, openLogReader, openLogWriter } from '../src/index.js';
import { GENESIS_HASH, bodyOf, stateHashOf } from './support/entries.js';
import { tempDir } from './support/temp-dir.js';

/** The entries of block `height`: two commands then the block entry with the state hash. */
function block(height: bigint, firstSeq: bigint) {
  return [
    { height, body: bodyOf(firstSeq) },
    { height, body: bodyOf(firstSeq + 1n) },
    { height, body: bodyOf(firstSeq + 2n), stateHash: stateHashOf(height) },
  ];
}

const stateBytes = (height: bigint): Buffer => Buffer.from(`state after block ${height}`);

t.test('a snapshot written with its block entry names that entry and is the latest', async (t) => {
  const path = tempDir(t);
  const writer = openLogWriter({ path, genesisHash: GENESIS_HASH });
  t.teardown(() => writer.close());
  const appended = await writer.appendBatch(block(1n, 1n), { snapshot: { bytes: stateBytes(1n) } });
  const blockEntry = appended[2]!;
  const snapshot = writer.latestSnapshot();
  t.equal(snapshot?.height, 1n);
  t.equal(snapshot?.seq, 3n, 'it follows the block entry: replay resumes at seq 4');
  t.same(Buffer.from(snapshot!.entryHash), Buffer.from(blockEntry.hash));
  t.same(Buffer.from(snapshot!.bytes), stateBytes(1n));
  t.same(writer.snapshotAt(1n)?.seq, 3n);
  t.equal(writer.snapshotAt(2n), undefined);
});

t.test('putSnapshot stores one for an earlier block entry, even one still in flight', async (t) => {
  const path = tempDir(t);
  const writer = openLogWriter({ path, genesisHash: GENESIS_HASH });
  t.teardown(() => writer.close());
  const appended = writer.appendBatch([...block(1n, 1n), ...block(2n, 4n)]);
  const stored = await writer.putSnapshot({ height: 2n, seq: 6n, bytes: stateBytes(2n) });
  await appended;
  t.equal(stored.seq, 6n);
  t.same(Buffer.from(writer.snapshotAt(2n)!.bytes), stateBytes(2n));
});

t.test('latestSnapshot takes the highest height, or the highest at most heightMax', async (t) => {
  const path = tempDir(t);
  const writer = openLogWriter({ path, genesisHash: GENESIS_HASH });
  t.teardown(() => writer.close());
  for (let height = 1n; height <= 4n; height++)
    await writer.appendBatch(block(height, (height - 1n) * 3n + 1n), {
      snapshot: { bytes: stateBytes(height) },
    });
  t.equal(writer.latestSnapshot()?.height, 4n);
  t.equal(writer.latestSnapshot({ heightMax: 3n })?.height, 3n);
  t.equal(writer.latestSnapshot({ heightMax: 0n }), undefined);
  const reader = openLogReader({ path });
  t.teardown(() => reader.close());
  t.equal(reader.latestSnapshot()?.seq, 12n, 'a reader sees them too');
});

t.test('only the newest snapshotsRetained snapshots are kept', async (t) => {
  const path = tempDir(t);
  const writer = openLogWriter({ path, genesisHash: GENESIS_HASH, snapshotsRetained: 2 });
  t.teardown(() => writer.close());
  for (let height = 1n; height <= 5n; height++)
    await writer.appendBatch(block(height, (height - 1n) * 3n + 1n), {
      snapshot: { bytes: stateBytes(height) },
    });
  t.same(
    [1n, 2n, 3n, 4n, 5n].map((height) => writer.snapshotAt(height) !== undefined),
    [false, false, false, true, true],
  );
});

t.test('a snapshot must follow a block entry at its height (programmer error otherwise)', async (t) => {
  const path = tempDir(t);
  const writer = openLogWriter({ path, genesisHash: GENESIS_HASH });
  t.teardown(() => writer.close());
  t.throws(
    () => writer.appendBatch([{ height: 1n, body: bodyOf(1n) }], { snapshot: { bytes: stateBytes(1n) } }),
    { code: 'ERR_ASSERTION' },
    'in a batch whose last entry has no state hash',
  );
  await writer.appendBatch(block(1n, 1n));
  await t.rejects(writer.putSnapshot({ height: 1n, seq: 2n, bytes: stateBytes(1n) }), {
    code: 'ERR_ASSERTION',
  });
  t.equal(writer.snapshotAt(1n), undefined, 'nothing was stored');
  await t.rejects(
    writer.appendBatch(block(2n, 4n)),
    { code: 'LOG_ERR_WRITER_FAILED' },
    'and the writer stops',
  );
});

t.test('a snapshot altered on disk is refused when read', async (t) => {
  const path = tempDir(t);
  const writer = openLogWriter({ path, genesisHash: GENESIS_HASH });
  await writer.appendBatch(block(1n, 1n), { snapshot: { bytes: stateBytes(1n) } });
  await writer.close();
  const root = open<Buffer, Buffer>(lmdbOptions(path, false));
  const snapshots = root.openDB<Buffer, Buffer>('snapshots', { encoding: 'binary', keyEncoding: 'binary' });
  const key = Buffer.alloc(8);
  key.writeBigUInt64BE(1n);
  const record = snapshots.getBinary(key)!;
  const altered = Buffer.from(record);
  altered[altered.indexOf('after')] = 'A'.charCodeAt(0);
  root.transactionSync(() => snapshots.putSync(key, altered));
  await root.close();
  const reader = openLogReader({ path });
  t.teardown(() => reader.close());
  t.throws(() => reader.latestSnapshot(), LogCorruptError);
  t.throws(() => reader.snapshotAt(1n), { code: 'LOG_ERR_CORRUPT', kind: 'snapshot' });
});

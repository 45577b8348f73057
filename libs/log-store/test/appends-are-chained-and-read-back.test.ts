// appendBatch assigns consecutive seqs from 1, chains each entry to the one before (the first to the
// genesis hash), stores them under 8-byte big-endian keys as the exact sealed bytes, and every read
// returns them validated.
import t from 'tap';
import { open } from 'lmdb';
import { decode } from '@msgpack/msgpack';
import { createHash } from 'node:crypto';
import {
  type LogEntry,
  LogGenesisMismatchError,
  LogClosedError,
  LogFormatError,
  LogNotFoundError,
  READ_CHUNK_ENTRIES,
  hashGenesis,
  lmdbOptions,
  openLogReader,
  openLogWriter,
} from '../src/index.js';
import { GENESIS_HASH, bodyOf, stateHashOf } from './support/entries.js';
import { tempDir } from './support/temp-dir.js';

function entriesFor(fromSeq: bigint, count: number, height: bigint): { height: bigint; body: Buffer }[] {
  return Array.from({ length: count }, (_, i) => ({ height, body: bodyOf(fromSeq + BigInt(i)) }));
}

t.test('seqs start at 1 and each entry names the previous hash, the first names genesis', async (t) => {
  const path = tempDir(t);
  const writer = openLogWriter({ path, genesisHash: GENESIS_HASH });
  t.teardown(() => writer.close());
  const first = await writer.appendBatch(entriesFor(1n, 3, 1n));
  const second = await writer.appendBatch([{ height: 1n, body: bodyOf(4n), stateHash: stateHashOf(1n) }]);
  const all = [...first, ...second];
  t.same(
    all.map((entry) => entry.seq),
    [1n, 2n, 3n, 4n],
  );
  t.same(Buffer.from(all[0]!.prevHash), GENESIS_HASH, 'seq 1 chains from the genesis hash');
  for (let i = 1; i < all.length; i++)
    t.same(Buffer.from(all[i]!.prevHash), Buffer.from(all[i - 1]!.hash), `seq ${i + 1} chains from seq ${i}`);
  t.same(Buffer.from(all[3]!.stateHash!), stateHashOf(1n), 'the block entry carries its state hash');
  t.equal(all[0]!.stateHash, undefined, 'other entries have none');
});

t.test('the stored value is the sealed envelope: hash = sha256 of the map without its hash', async (t) => {
  const path = tempDir(t);
  const writer = openLogWriter({ path, genesisHash: GENESIS_HASH });
  t.teardown(() => writer.close());
  const [entry] = await writer.appendBatch([{ height: 7n, body: bodyOf(1n), stateHash: stateHashOf(7n) }]);
  const decoded = decode(entry!.bytes, { useBigInt64: true }) as Record<string, unknown>;
  t.same(Object.keys(decoded), ['v', 'seq', 'height', 'prevHash', 'stateHash', 'body', 'hash']);
  t.equal(decoded['v'], 1);
  t.equal(decoded['seq'], 1);
  t.equal(decoded['height'], 7);
  // Independently: the same map without the hash pair, re-encoded by @msgpack/msgpack, hashes to `hash`.
  const { encode } = await import('@msgpack/msgpack');
  const { hash, ...withoutHash } = decoded;
  const expected = createHash('sha256').update(encode(withoutHash)).digest();
  t.same(Buffer.from(hash as Uint8Array), expected);
});

t.test('keys are 8-byte big-endian seqs and values are exactly the returned bytes', async (t) => {
  const path = tempDir(t);
  const writer = openLogWriter({ path, genesisHash: GENESIS_HASH });
  const appended = await writer.appendBatch(entriesFor(1n, 300, 2n));
  await writer.close();
  const raw = open<Buffer, Buffer>(lmdbOptions(path, true));
  t.teardown(() => raw.close());
  const entries = raw.openDB<Buffer, Buffer>('entries', { encoding: 'binary', keyEncoding: 'binary' });
  const stored = Array.from(entries.getRange({}));
  t.equal(stored.length, 300);
  stored.forEach(({ key, value }, i) => {
    const expectedKey = Buffer.alloc(8);
    expectedKey.writeBigUInt64BE(BigInt(i + 1));
    if (!key.equals(expectedKey)) t.fail(`key ${i} is ${key.toString('hex')}`);
    if (!value.equals(appended[i]!.bytes)) t.fail(`value ${i} differs from the appended bytes`);
  });
  t.pass('300 keys and values as appended');
});

t.test('readRange reads across chunks, honours bounds and stops at the end of the log', async (t) => {
  const path = tempDir(t);
  const writer = openLogWriter({ path, genesisHash: GENESIS_HASH });
  t.teardown(() => writer.close());
  const count = READ_CHUNK_ENTRIES * 2 + 17;
  await writer.appendBatch(entriesFor(1n, count, 3n));
  const seqs = (entries: Iterable<LogEntry>): bigint[] => Array.from(entries, (entry) => entry.seq);
  const all = seqs(writer.readRange(1n));
  t.equal(all.length, count);
  t.ok(
    all.every((seq, i) => seq === BigInt(i + 1)),
    'every seq once, in order',
  );
  t.same(seqs(writer.readRange(1000n, 1004n)), [1000n, 1001n, 1002n, 1003n, 1004n]);
  t.same(seqs(writer.readRange(BigInt(count) - 1n, BigInt(count) + 50n)), [
    BigInt(count) - 1n,
    BigInt(count),
  ]);
  t.same(seqs(writer.readRange(BigInt(count) + 1n)), []);
  t.ok(
    [...writer.readRange(500n, 510n)].every((entry) => Buffer.from(entry.body).equals(bodyOf(entry.seq))),
    'bodies are the appended bodies',
  );
});

t.test('lastEntry and entryAt read single entries; an empty log has none', async (t) => {
  const path = tempDir(t);
  const writer = openLogWriter({ path, genesisHash: GENESIS_HASH });
  t.teardown(() => writer.close());
  t.equal(writer.lastEntry(), undefined);
  t.equal(writer.lastSeq, 0n);
  await writer.appendBatch(entriesFor(1n, 5, 1n));
  t.equal(writer.lastEntry()?.seq, 5n);
  t.equal(writer.lastSeq, 5n);
  t.same(Buffer.from(writer.entryAt(3n)!.body), bodyOf(3n));
  t.equal(writer.entryAt(6n), undefined);
});

t.test('pipelined appends (not awaited in between) land in call order', async (t) => {
  const path = tempDir(t);
  const writer = openLogWriter({ path, genesisHash: GENESIS_HASH });
  t.teardown(() => writer.close());
  const batches = await Promise.all([
    writer.appendBatch(entriesFor(1n, 2, 1n)),
    writer.appendBatch(entriesFor(3n, 3, 1n)),
    writer.appendBatch(entriesFor(6n, 1, 2n)),
  ]);
  t.same(
    batches.map((batch) => batch.map((entry) => entry.seq)),
    [[1n, 2n], [3n, 4n, 5n], [6n]],
  );
  t.ok((await writer.verifyChain()).ok);
});

t.test('a reopened writer continues the chain where the log ends', async (t) => {
  const path = tempDir(t);
  const first = openLogWriter({ path, genesisHash: GENESIS_HASH });
  const [, last] = await first.appendBatch(entriesFor(1n, 2, 4n));
  await first.close();
  const second = openLogWriter({ path, genesisHash: GENESIS_HASH });
  t.teardown(() => second.close());
  const [next] = await second.appendBatch(entriesFor(3n, 1, 4n));
  t.equal(next!.seq, 3n);
  t.same(Buffer.from(next!.prevHash), Buffer.from(last!.hash));
  t.ok((await second.verifyChain()).ok);
});

t.test('malformed entries are programmer errors: asserted before anything is written', async (t) => {
  const path = tempDir(t);
  const writer = openLogWriter({ path, genesisHash: GENESIS_HASH });
  t.teardown(() => writer.close());
  await writer.appendBatch(entriesFor(1n, 1, 5n));
  const bad: [string, () => Promise<unknown>][] = [
    ['an empty batch', () => writer.appendBatch([])],
    ['a number height', () => writer.appendBatch([{ height: 5 as unknown as bigint, body: bodyOf(2n) }])],
    ['a negative height', () => writer.appendBatch([{ height: -1n, body: bodyOf(2n) }])],
    ['a decreasing height', () => writer.appendBatch([{ height: 4n, body: bodyOf(2n) }])],
    ['a string body', () => writer.appendBatch([{ height: 5n, body: 'x' as unknown as Uint8Array }])],
    [
      'a short state hash',
      () => writer.appendBatch([{ height: 5n, body: bodyOf(2n), stateHash: Buffer.alloc(31) }]),
    ],
    [
      'a snapshot after a non-block entry',
      () => writer.appendBatch(entriesFor(2n, 1, 5n), { snapshot: { bytes: Buffer.alloc(1) } }),
    ],
  ];
  for (const [what, append] of bad) t.throws(append, { code: 'ERR_ASSERTION' }, what);
  t.equal(writer.lastSeq, 1n, 'the writer did not advance');
  const [next] = await writer.appendBatch(entriesFor(2n, 1, 5n));
  t.equal(next!.seq, 2n, 'and still appends after them');
  t.equal(writer.lastEntry()?.seq, 2n);
});

t.test('a writer must be opened with the genesis the log was started from', async (t) => {
  const path = tempDir(t);
  const writer = openLogWriter({ path, genesisHash: GENESIS_HASH });
  await writer.appendBatch(entriesFor(1n, 1, 1n));
  await writer.close();
  t.throws(
    () => openLogWriter({ path, genesisHash: hashGenesis(Buffer.from('another chain')) }),
    LogGenesisMismatchError,
  );
  const reader = openLogReader({ path });
  t.teardown(() => reader.close());
  t.same(Buffer.from(reader.genesisHash), GENESIS_HASH, 'a reader learns the genesis hash from the log');
});

t.test('a reader needs an existing log; a closed store refuses reads and writes', async (t) => {
  const path = tempDir(t);
  t.throws(() => openLogReader({ path }), LogNotFoundError);
  const other = tempDir(t);
  const foreign = open(lmdbOptions(other, false));
  await foreign.put(Buffer.from('not a log'), Buffer.from('x'));
  await foreign.close();
  t.throws(() => openLogReader({ path: other }), LogFormatError, 'another LMDB environment is not a log');
  const writer = openLogWriter({ path, genesisHash: GENESIS_HASH });
  await writer.close();
  t.throws(() => writer.lastEntry(), LogClosedError);
  t.throws(() => writer.appendBatch(entriesFor(1n, 1, 1n)), LogClosedError);
});

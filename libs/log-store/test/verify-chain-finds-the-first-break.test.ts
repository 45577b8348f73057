// verifyChain reports the FIRST broken seq and what differs, on real LMDB files corrupted after the
// fact: a flipped byte (hash-mismatch), a dropped entry (missing-entry), two entries swapped on disk
// (seq-mismatch), a validly sealed forgery (prev-hash-mismatch at the entry after it). Reads report
// the same corruption as LogCorruptError.
import t from 'tap';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { open } from 'lmdb';
import {
  type LogEntry,
  LogCorruptError,
  READ_CHUNK_ENTRIES,
  lmdbOptions,
  openLogReader,
  openLogWriter,
} from '../src/index.js';
import { encodeEntry } from '../src/entry-envelope.js';
import { GENESIS_HASH, bodyOf } from './support/entries.js';
import { tempDir } from './support/temp-dir.js';

const ENTRY_COUNT = 12;
const BODY_BYTES = 64;

/** One batch, so every value is written to the file exactly once (no stale copies in freed pages). */
async function writeLog(path: string, count = ENTRY_COUNT): Promise<LogEntry[]> {
  const writer = openLogWriter({ path, genesisHash: GENESIS_HASH });
  const batch = Array.from({ length: count }, (_, i) => ({
    height: 1n,
    body: bodyOf(BigInt(i + 1), BODY_BYTES),
  }));
  const entries = await writer.appendBatch(batch);
  await writer.close();
  return entries;
}

/** The single offset of `needle` in the environment's data file (asserted single). */
function offsetInDataFile(
  t: { ok(value: boolean, message: string): unknown },
  path: string,
  needle: Uint8Array,
): number {
  const data = readFileSync(join(path, 'data.mdb'));
  const first = data.indexOf(needle);
  t.ok(first >= 0 && data.indexOf(needle, first + 1) < 0, 'the bytes occur exactly once in data.mdb');
  return first;
}

function withRawEntries(path: string, change: (entries: ReturnType<typeof rawEntries>) => void): void {
  const root = open<Buffer, Buffer>(lmdbOptions(path, false));
  try {
    root.transactionSync(() => change(rawEntries(root)));
  } finally {
    void root.close();
  }
}

function rawEntries(root: ReturnType<typeof open<Buffer, Buffer>>) {
  return root.openDB<Buffer, Buffer>('entries', { encoding: 'binary', keyEncoding: 'binary' });
}

function key(seq: bigint): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(seq);
  return bytes;
}

async function verify(path: string) {
  const reader = openLogReader({ path });
  try {
    return await reader.verifyChain();
  } finally {
    await reader.close();
  }
}

t.test('an intact log verifies, reporting its last seq and hash', async (t) => {
  const path = tempDir(t);
  const entries = await writeLog(path);
  const result = await verify(path);
  t.match(result, { ok: true, entriesVerified: ENTRY_COUNT, lastSeq: BigInt(ENTRY_COUNT) });
  if (result.ok) t.same(Buffer.from(result.lastHash), Buffer.from(entries[ENTRY_COUNT - 1]!.hash));
});

t.test('a flipped byte in data.mdb is found at its seq as a hash mismatch', async (t) => {
  const path = tempDir(t);
  await writeLog(path);
  const at = offsetInDataFile(t, path, bodyOf(7n, BODY_BYTES));
  const data = readFileSync(join(path, 'data.mdb'));
  data[at + 30] = data[at + 30]! ^ 0x01;
  writeFileSync(join(path, 'data.mdb'), data);
  t.match(await verify(path), { ok: false, seq: 7n, kind: 'hash-mismatch', entriesVerified: 6 });
  const reader = openLogReader({ path });
  t.teardown(() => reader.close());
  t.throws(() => [...reader.readRange(1n)], LogCorruptError, 'a read through it throws');
  t.throws(() => reader.entryAt(7n), { code: 'LOG_ERR_CORRUPT', seq: 7n, kind: 'hash-mismatch' });
  t.equal([...reader.readRange(8n)].length, ENTRY_COUNT - 7, 'entries after it still read');
});

t.test('a dropped entry is found as missing at its seq', async (t) => {
  const path = tempDir(t);
  await writeLog(path);
  withRawEntries(path, (entries) => t.ok(entries.removeSync(key(5n)), 'removed seq 5 with LMDB itself'));
  t.match(await verify(path), { ok: false, seq: 5n, kind: 'missing-entry', entriesVerified: 4 });
  const reader = openLogReader({ path });
  t.teardown(() => reader.close());
  t.throws(() => [...reader.readRange(1n)], { code: 'LOG_ERR_CORRUPT', seq: 5n, kind: 'missing-entry' });
});

t.test('two entries swapped in data.mdb are found at the first as a seq mismatch', async (t) => {
  const path = tempDir(t);
  const entries = await writeLog(path);
  const five = entries[4]!.bytes;
  const six = entries[5]!.bytes;
  t.equal(five.length, six.length, 'same-size envelopes, so they can trade places in the file');
  const atFive = offsetInDataFile(t, path, five);
  const atSix = offsetInDataFile(t, path, six);
  const data = readFileSync(join(path, 'data.mdb'));
  data.set(six, atFive);
  data.set(five, atSix);
  writeFileSync(join(path, 'data.mdb'), data);
  t.match(await verify(path), { ok: false, seq: 5n, kind: 'seq-mismatch', entriesVerified: 4 });
});

t.test('a forged entry with a valid seal breaks the link to the entry after it', async (t) => {
  const path = tempDir(t);
  const entries = await writeLog(path);
  const original = entries[4]!;
  const forged = encodeEntry({
    seq: 5n,
    height: 1n,
    prevHash: original.prevHash,
    body: Buffer.from('forged'),
  });
  withRawEntries(path, (raw) => raw.putSync(key(5n), forged.bytes as Buffer));
  t.match(await verify(path), { ok: false, seq: 6n, kind: 'prev-hash-mismatch', entriesVerified: 5 });
});

t.test('a forged first entry is found by its link to the genesis hash', async (t) => {
  const path = tempDir(t);
  await writeLog(path);
  const forged = encodeEntry({
    seq: 1n,
    height: 1n,
    prevHash: Buffer.alloc(32),
    body: bodyOf(1n, BODY_BYTES),
  });
  withRawEntries(path, (raw) => raw.putSync(key(1n), forged.bytes as Buffer));
  t.match(await verify(path), { ok: false, seq: 1n, kind: 'prev-hash-mismatch', entriesVerified: 0 });
});

t.test(
  'a range in the middle verifies on its own; a range past the end reports the missing seq',
  async (t) => {
    const path = tempDir(t);
    await writeLog(path);
    const reader = openLogReader({ path });
    t.teardown(() => reader.close());
    t.match(await reader.verifyChain({ fromSeq: 4n, toSeq: 9n }), {
      ok: true,
      entriesVerified: 6,
      lastSeq: 9n,
    });
    t.match(await reader.verifyChain({ fromSeq: 10n, toSeq: 20n }), {
      ok: false,
      seq: BigInt(ENTRY_COUNT + 1),
      kind: 'missing-entry',
    });
  },
);

t.test('long logs report progress after each chunk, ending at the last seq', async (t) => {
  const path = tempDir(t);
  const count = READ_CHUNK_ENTRIES * 3 + 5;
  await writeLog(path, count);
  const reader = openLogReader({ path });
  t.teardown(() => reader.close());
  const progress: bigint[] = [];
  const result = await reader.verifyChain({ onProgress: ({ seq }) => progress.push(seq) });
  t.match(result, { ok: true, entriesVerified: count });
  t.same(
    progress,
    [1n, 2n, 3n, 4n].map((chunk) => (chunk === 4n ? BigInt(count) : chunk * BigInt(READ_CHUNK_ENTRIES))),
  );
});

t.test('an empty log verifies, its last hash is the genesis hash', async (t) => {
  const path = tempDir(t);
  const writer = openLogWriter({ path, genesisHash: GENESIS_HASH });
  t.teardown(() => writer.close());
  const result = await writer.verifyChain();
  t.match(result, { ok: true, entriesVerified: 0, lastSeq: 0n });
  if (result.ok) t.same(Buffer.from(result.lastHash), GENESIS_HASH);
});

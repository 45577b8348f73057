// The entry envelope is canonical msgpack: the same fields always give the same bytes (the shortest
// integer and length forms, fixed key order), exactly what an independent encoder (@msgpack/msgpack)
// produces; the strict decoder accepts only that form; any changed byte is detected.
import t from 'tap';
import fc from 'fast-check';
import { encode } from '@msgpack/msgpack';
import { propertyOptions } from '@marketnode/testkit';
import { NonCanonicalError } from '../src/canonical-msgpack.js';
import { type EntryFields, decodeEntry, encodeEntry, entryHashMatches } from '../src/entry-envelope.js';

const UINT64_MAX = (1n << 64n) - 1n;

/** Integers near every width boundary of msgpack, and anything up to 2^64 - 1. */
const uint64 = fc.oneof(
  fc.constantFrom(0n, 127n, 128n, 255n, 256n, 65535n, 65536n, 0xffffffffn, 0x100000000n, UINT64_MAX),
  fc.bigInt({ min: 0n, max: UINT64_MAX }),
  fc.bigInt({ min: 0n, max: 70_000n }),
);
const hash32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const body = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.constantFrom(0, 255, 256, 65535, 65536).map((length) => new Uint8Array(length).fill(7)),
);
const fields: fc.Arbitrary<EntryFields> = fc
  .record({
    seq: uint64.filter((seq) => seq > 0n),
    height: uint64,
    prevHash: hash32,
    body,
    stateHash: fc.option(hash32),
  })
  .map(({ stateHash, ...rest }) => (stateHash === null ? rest : { ...rest, stateHash }));

/** How @msgpack/msgpack writes an integer in its shortest form: a number below 2^32, else a bigint. */
const asMsgpackInteger = (value: bigint): number | bigint => (value < 0x100000000n ? Number(value) : value);

t.test('envelope bytes equal an independent msgpack encoding of the same map', async (t) => {
  // Fails if CanonicalWriter.uint or .bin stops using the shortest form (e.g. always uint64 / bin32),
  // or if the key order of encodeEntry changes.
  fc.assert(
    fc.property(fields, (entryFields) => {
      const entry = encodeEntry(entryFields);
      const map: Record<string, unknown> = {
        v: 1,
        seq: asMsgpackInteger(entryFields.seq),
        height: asMsgpackInteger(entryFields.height),
        prevHash: entryFields.prevHash,
      };
      if (entryFields.stateHash !== undefined) map['stateHash'] = entryFields.stateHash;
      map['body'] = entryFields.body;
      map['hash'] = entry.hash;
      return Buffer.from(entry.bytes).equals(encode(map, { useBigInt64: true }));
    }),
    propertyOptions(300),
  );
  t.pass('300 envelopes');
});

t.test('decoding gives back the fields, and the seal matches', async (t) => {
  // Fails if decodeEntry misreads a field, or if computeSeal (the check) hashes other bytes than seal
  // (the writer) did, e.g. one byte fewer.
  fc.assert(
    fc.property(fields, (entryFields) => {
      const decoded = decodeEntry(encodeEntry(entryFields).bytes);
      return (
        decoded.seq === entryFields.seq &&
        decoded.height === entryFields.height &&
        Buffer.from(decoded.prevHash).equals(entryFields.prevHash) &&
        Buffer.from(decoded.body).equals(entryFields.body) &&
        (decoded.stateHash === undefined) === (entryFields.stateHash === undefined) &&
        (decoded.stateHash === undefined || Buffer.from(decoded.stateHash).equals(entryFields.stateHash!)) &&
        entryHashMatches(decoded)
      );
    }),
    propertyOptions(300),
  );
  t.pass('300 round trips');
});

t.test('any changed byte is detected: the entry is malformed or its seal no longer matches', async (t) => {
  // Fails if the seal leaves a byte uncovered: seal and computeSeal both hashing one byte fewer (the last
  // body byte) pass the round trip above, but a flip of that byte then goes unnoticed.
  const changed = fields.chain((entryFields) => {
    const length = encodeEntry(entryFields).bytes.length;
    return fc.tuple(fc.constant(entryFields), fc.nat({ max: length - 1 }), fc.integer({ min: 1, max: 255 }));
  });
  fc.assert(
    fc.property(changed, ([entryFields, position, mask]) => {
      const bytes = Buffer.from(encodeEntry(entryFields).bytes);
      bytes[position] = bytes[position]! ^ mask;
      try {
        return !entryHashMatches(decodeEntry(bytes));
      } catch (error) {
        return error instanceof NonCanonicalError;
      }
    }),
    propertyOptions(500),
  );
  t.pass('500 altered envelopes');
});

t.test('a longer than necessary integer is refused, though plain msgpack would accept it', async (t) => {
  // Fails if CanonicalReader.uint stops checking the shortest form.
  fc.assert(
    fc.property(fields, (entryFields) => {
      const canonical = Buffer.from(encodeEntry(entryFields).bytes);
      const seqAt = canonical.indexOf(Buffer.from('seq', 'latin1')) + 3;
      const seqWidth = canonical.length - encodeEntry({ ...entryFields, seq: 1n }).bytes.length + 1;
      if (seqWidth === 9) return true; // already the widest form
      const widened = Buffer.concat([
        canonical.subarray(0, seqAt),
        Buffer.from([0xcf]),
        Buffer.from(new BigUint64Array([entryFields.seq]).buffer).reverse(),
        canonical.subarray(seqAt + seqWidth),
      ]);
      try {
        decodeEntry(widened);
        return false;
      } catch (error) {
        return error instanceof NonCanonicalError && /shortest form/.test(error.message);
      }
    }),
    propertyOptions(200),
  );
  t.pass('200 widened seqs refused');
});

t.test('other shapes are refused: trailing bytes, another version, keys out of order', async (t) => {
  const entry = encodeEntry({ seq: 1n, height: 2n, prevHash: new Uint8Array(32), body: Buffer.from('x') });
  t.throws(() => decodeEntry(Buffer.concat([entry.bytes, Buffer.from([0])])), /trailing bytes/);
  const versionTwo = Buffer.from(entry.bytes);
  versionTwo[versionTwo.indexOf(Buffer.from([0xa1, 0x76])) + 2] = 2;
  t.throws(() => decodeEntry(versionTwo), /version 2 is not supported/);
  const reordered = encode({
    seq: 1,
    v: 1,
    height: 2,
    prevHash: entry.prevHash,
    body: entry.body,
    hash: entry.hash,
  });
  t.throws(() => decodeEntry(reordered), NonCanonicalError);
  t.throws(() => decodeEntry(new Uint8Array(0)), /ends early/);
});

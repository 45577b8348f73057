import { deepStrictEqual } from 'node:assert';
import t from 'tap';
import fc from 'fast-check';
import { propertyOptions } from '@marketnode/testkit';
import {
  committedSubject,
  decodePayload,
  encodePayload,
  isSingleCommittedEntry,
  packCommittedEntries,
  parseSubject,
  PAYLOAD_BYTES_MAX,
} from '../src/index.js';

/** A stand-in for a stored entry: a msgpack map with a filler of the given size. */
function entryBytes(seq: number, fillerBytes: number): Uint8Array {
  return encodePayload({ seq, filler: new Uint8Array(fillerBytes) }, { bytesMax: Number.MAX_SAFE_INTEGER });
}

function unpack(messages: ReturnType<typeof packCommittedEntries>, bytesMax: number) {
  const seen: { seq: bigint; bytes: Uint8Array }[] = [];
  for (const message of messages) {
    const parsed = parseSubject(message.subject);
    if (parsed?.kind !== 'committed') throw new Error(`not a committed subject: ${message.subject}`);
    if (isSingleCommittedEntry(message.payload)) {
      seen.push({ seq: parsed.seq, bytes: message.payload });
      continue;
    }
    if (message.payload.byteLength > bytesMax) throw new Error(`a list of ${message.payload.byteLength} B`);
    const decoded = decodePayload(message.payload);
    if (!decoded.ok || !Array.isArray(decoded.value)) throw new Error('not a list');
    decoded.value.forEach((bytes: Uint8Array, index) =>
      seen.push({ seq: parsed.seq + BigInt(index), bytes }),
    );
  }
  return seen;
}

t.test('entries come back in order, each once, and no list exceeds the limit', async (t) => {
  const sizes = fc.array(fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 20_000 })), {
    maxLength: 200,
  });
  fc.assert(
    fc.property(sizes, fc.integer({ min: 64, max: 16_384 }), (fillers, bytesMax) => {
      const entries = fillers.map((filler, index) => ({
        seq: 100n + BigInt(index),
        bytes: entryBytes(100 + index, filler),
      }));
      const seen = unpack(packCommittedEntries(entries, { bytesMax }), bytesMax);
      deepStrictEqual(
        seen.map((entry) => [entry.seq, Buffer.from(entry.bytes).toString('hex')]),
        entries.map((entry) => [entry.seq, Buffer.from(entry.bytes).toString('hex')]),
      );
    }),
    propertyOptions(200),
  );
  t.pass('every packing round-tripped');
});

t.test('a busy batch is split: 2000 entries of 700 B make several messages under the limit', async (t) => {
  const entries = Array.from({ length: 2000 }, (_, index) => ({
    seq: BigInt(index + 1),
    bytes: entryBytes(index + 1, 680),
  }));
  const messages = packCommittedEntries(entries);
  t.ok(messages.length > 1);
  t.ok(messages.length < 40, `${messages.length} messages: packing should fill each one`);
  for (const message of messages) t.ok(message.payload.byteLength <= PAYLOAD_BYTES_MAX);
  t.equal(messages[0]?.subject, committedSubject(1n));
});

// The engine reads the common form of a swap request straight from its bytes
// (`readSwapRequestBytes`); it must give exactly what the generic decoder gives, and leave every
// other form to the generic decoder (so a malformed or unusual request gets the same answer).
import t from 'tap';
import fc from 'fast-check';
import { readSwapRequestBytes } from '@marketnode/events';
import { decodePayload, encodePayload } from '@marketnode/nats-kit';
import { propertyOptions, propertySeed } from '@marketnode/testkit';

t.comment(`property seed ${propertySeed()} (PROPERTY_SEED replays a run)`);

const text = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.constantFrom('uusd', 'uluna', 'ukrw', 'ubtc', 'a'.repeat(31), 'b'.repeat(32), 'c'.repeat(255)),
);
const amount = fc.oneof(
  fc.bigInt({ min: 0n, max: (1n << 110n) - 1n }),
  fc.bigInt({ min: -(1n << 40n), max: -1n }),
  fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  fc.integer({ min: -1000, max: -1 }),
  fc.constantFrom(0n, 1n, 255n, 256n, 65_535n, 65_536n, 1n << 99n, (1n << 100n) - 1n, 1n << 100n),
  fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String),
);
const commonForm = fc.record({
  requestId: text,
  offer: fc.record({ denom: text, amount }),
  askDenom: text,
});
/** Other key orders, extra or missing fields, other types. */
const otherForm = fc.oneof(
  commonForm.map(({ requestId, offer, askDenom }) => ({ askDenom, offer, requestId })),
  commonForm.map((value) => ({ ...value, receiver: 'terra1bob' })),
  commonForm.map(({ requestId, offer }) => ({ requestId, offer })),
  commonForm.map((value) => ({ ...value, offer: { amount: value.offer.amount, denom: value.offer.denom } })),
  fc.anything(),
);

/** Values as text that keeps key order and tells a bigint from a number. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

/** The fast reader either leaves the bytes to the generic decoder or reads exactly what it reads. */
function agrees(bytes: Uint8Array): boolean {
  const fast = readSwapRequestBytes(bytes);
  if (fast === undefined) return true;
  const generic = decodePayload(bytes);
  return generic.ok && canonical(fast) === canonical(generic.value);
}

t.test('the common form is read from its bytes, exactly as the generic decoder reads it', async (t) => {
  fc.assert(
    fc.property(commonForm, (value) => {
      const bytes = encodePayload(value);
      const fast = readSwapRequestBytes(bytes);
      const generic = decodePayload(bytes);
      if (!generic.ok) return false;
      // ASCII text and an amount the fast reader takes (a bigint of 0..2^104, or a small uint) must
      // not fall back: that is what every client sends.
      const ascii = [value.requestId, value.offer.denom, value.askDenom].every(
        (s) => s.length < 256 && Array.from(s).every((c) => c.charCodeAt(0) <= 0x7f),
      );
      const a = value.offer.amount;
      const common =
        ascii &&
        ((typeof a === 'bigint' && a >= 0n && a < 1n << 104n) ||
          (typeof a === 'number' && a >= 0 && a < 2 ** 32));
      if (common && fast === undefined) return false;
      return fast === undefined || canonical(fast) === canonical(generic.value);
    }),
    propertyOptions(2000),
  );
  t.pass('2000 common-form requests');
});

t.test('any other form, and any byte string, is left to the generic decoder or read the same', async (t) => {
  fc.assert(
    fc.property(otherForm, (value) => {
      let bytes: Uint8Array;
      try {
        bytes = encodePayload(value);
      } catch {
        return true; // not encodable at all: nothing to compare
      }
      return agrees(bytes);
    }),
    propertyOptions(1000),
  );
  fc.assert(
    fc.property(commonForm, fc.nat(), fc.integer({ min: 0, max: 255 }), (value, at, byte) => {
      const bytes = Uint8Array.from(encodePayload(value));
      bytes[at % bytes.length] = byte;
      return agrees(bytes) && agrees(bytes.subarray(0, at % bytes.length));
    }),
    propertyOptions(3000),
  );
  t.pass('other forms and damaged bytes');
});

// The wire codec keeps every integer exact (bigints of any sign up to 256 bits, int64/uint64 from
// other encoders), has one encoding per bigint, and turns oversized or malformed bytes into typed
// errors instead of exceptions or silently different values.
import t from 'tap';
import fc from 'fast-check';
import { encode as encodeRaw } from '@msgpack/msgpack';
import { propertyOptions } from '@marketnode/testkit';
import {
  BIGINT_EXT_TYPE,
  decodePayload,
  decodeReply,
  decodeRequest,
  encodePayload,
  encodeOkReplyOfEncoded,
  encodeReply,
  errorReply,
  integerOf,
  okReply,
  PAYLOAD_BYTES_MAX,
  PayloadTooLargeError,
  WIRE_ERROR_CODES,
} from '../src/index.js';

const bits256 = (1n << 256n) - 1n;

/** msgpack fixext/ext bytes of our bigint extension with a hand-made body. */
function bigintExt(body: number[]): Uint8Array {
  return Uint8Array.from([0xc7, body.length, BIGINT_EXT_TYPE, ...body]);
}

function decodedValue(bytes: Uint8Array): unknown {
  const decoded = decodePayload(bytes);
  if (!decoded.ok) throw new Error(`unexpected ${decoded.reason}: ${decoded.detail}`);
  return decoded.value;
}

t.test('property: every bigint within 256 bits decodes to the same bigint', async (t) => {
  // Fails if the codec maps bigint through int64 (useBigInt64 on the encoder wraps 2^64 to 0) or
  // through a Number anywhere, or if the sign byte is ignored.
  fc.assert(
    fc.property(fc.bigInt({ min: -bits256, max: bits256 }), (value) => {
      const decoded = decodedValue(encodePayload({ amount: value })) as { amount: unknown };
      return decoded.amount === value;
    }),
    propertyOptions(),
  );
  t.pass('exact');
});

t.test('integers beyond 64 bits and at the int64 edges keep their value', async (t) => {
  for (const value of [0n, 1n, -1n, (1n << 64n) + 1n, -(1n << 63n) - 1n, 1n << 63n, bits256, -bits256]) {
    t.equal((decodedValue(encodePayload([value])) as unknown[])[0], value, String(value));
  }
  // Another encoder's uint64 and int64 arrive as bigint too (never as a rounded Number).
  t.equal(decodedValue(encodeRaw(2n ** 64n - 1n, { useBigInt64: true })), 2n ** 64n - 1n);
  t.equal(decodedValue(encodeRaw(-(2n ** 63n), { useBigInt64: true })), -(2n ** 63n));
  t.equal(
    integerOf(decodedValue(encodePayload(5))),
    5n,
    'a small int arrives as a number; integerOf reads it',
  );
  t.equal(integerOf(1.5), undefined);
  t.equal(integerOf('5'), undefined);
  t.equal(integerOf(2 ** 53), undefined, 'an unsafe number is not an exact integer');
});

t.test('a bigint has one encoding: other spellings and over-wide values are malformed', async (t) => {
  t.equal(decodedValue(bigintExt([0, 0x12, 0x34])), 0x1234n);
  t.equal(decodedValue(bigintExt([1, 0x12, 0x34])), -0x1234n);
  t.equal(decodedValue(bigintExt([0])), 0n);
  const cases: [string, number[]][] = [
    ['leading zero byte', [0, 0x00, 0x12]],
    ['negative zero', [1]],
    ['bad sign byte', [2, 0x12]],
    ['wider than 256 bits', [0, ...new Array<number>(33).fill(0xff)]],
  ];
  for (const [name, body] of cases) {
    const decoded = decodePayload(bigintExt(body));
    t.match(decoded, { ok: false, reason: 'malformed' }, name);
  }
});

t.test('a payload over the limit is refused with a typed error on both sides', async (t) => {
  const big = 'x'.repeat(PAYLOAD_BYTES_MAX);
  t.throws(() => encodePayload({ big }), {
    name: 'PayloadTooLargeError',
    code: 'WIRE_ERR_PAYLOAD_TOO_LARGE',
  });
  t.throws(() => encodePayload('abcdef', { bytesMax: 4 }), new PayloadTooLargeError(7, 4));
  t.match(decodePayload(new Uint8Array(PAYLOAD_BYTES_MAX + 1)), { ok: false, reason: 'tooLarge' });
  t.match(decodeRequest(new Uint8Array(PAYLOAD_BYTES_MAX + 1)), {
    ok: false,
    error: { code: WIRE_ERROR_CODES.payloadTooLarge, message: /65537 bytes exceeds the limit of 65536/ },
  });
});

t.test('bad msgpack becomes a malformed-payload error reply, never an exception', async (t) => {
  const inputs = [
    new Uint8Array([]), // nothing
    new Uint8Array([0xc1]), // the one byte msgpack never uses
    new Uint8Array([0x92, 0x01]), // an array of 2 with 1 element
    new Uint8Array([0x01, 0x02]), // trailing bytes
    new Uint8Array([0xdd, 0xff, 0xff, 0xff, 0xff]), // an array claiming 4 billion elements
    Uint8Array.from([0x81, 0xa9, ...Buffer.from('__proto__'), 0x01]), // prototype pollution attempt
  ];
  for (const bytes of inputs)
    t.match(
      decodeRequest(bytes),
      { ok: false, error: { code: WIRE_ERROR_CODES.malformedPayload } },
      `${bytes}`,
    );
});

t.test('property: arbitrary bytes never throw from decodeRequest', async (t) => {
  // Fails if decodePayload lets any decoder exception escape (e.g. catching only DecodeError, since
  // truncated input throws RangeError).
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      const reply = decodeRequest(bytes);
      return reply.ok || reply.error.code === WIRE_ERROR_CODES.malformedPayload;
    }),
    propertyOptions(),
  );
  t.pass('no exception');
});

t.test('a wire reply round-trips as {ok, value} or {ok, error: {code, message, hint}}', async (t) => {
  const value = { swapCoin: { denom: 'uusd', amount: 16660n }, spread: '0.020000000000000000', height: 7n };
  t.same(decodeReply(encodeReply(okReply(value))), okReply(value));
  t.same(decodeReply(encodeReply(okReply(undefined))), okReply(null), 'an empty value arrives as null');
  // A Rejection from @marketnode/errors carries more fields; only the three wire fields travel.
  const rejection = {
    code: 'MARKET_ERR_NO_EFFECTIVE_PRICE',
    codespace: 'market',
    abciCode: 3,
    name: 'ErrNoEffectivePrice',
    message: 'uusd: no price registered with oracle',
    hint: 'Wait for the oracle to publish a rate for this denom.',
  };
  t.same(decodeReply(encodeReply(errorReply(rejection))), {
    ok: false,
    error: { code: rejection.code, message: rejection.message, hint: rejection.hint },
  });
});

t.test('a reply too large to send becomes the payload-too-large error reply', async (t) => {
  const reply = decodeReply(encodeReply(okReply('y'.repeat(PAYLOAD_BYTES_MAX))));
  t.match(reply, { ok: false, error: { code: WIRE_ERROR_CODES.payloadTooLarge } });
});

t.test('anything that is not a wire reply decodes as a malformed-reply error', async (t) => {
  for (const bytes of [
    encodePayload(42),
    encodePayload({ ok: 'yes' }),
    encodePayload({ ok: false, error: { code: 1 } }),
    new Uint8Array([0xc1]),
  ])
    t.match(decodeReply(bytes), { ok: false, error: { code: WIRE_ERROR_CODES.malformedReply } });
});

t.test('an ok reply built from encoded value bytes is the bytes encodeReply gives', async (t) => {
  const value = fc.dictionary(
    fc.string({ maxLength: 40 }),
    fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.boolean(),
      fc.constant(null),
      fc.integer({ min: 0, max: 1000 }),
    ),
  );
  fc.assert(
    fc.property(value, (wire) => {
      const spliced = Buffer.from(encodeOkReplyOfEncoded(encodePayload(wire)));
      return spliced.equals(Buffer.from(encodeReply(okReply(wire))));
    }),
    propertyOptions(300),
  );
  const tooLarge = decodeReply(encodeOkReplyOfEncoded(encodePayload('y'.repeat(PAYLOAD_BYTES_MAX - 10))));
  t.match(tooLarge, { ok: false, error: { code: WIRE_ERROR_CODES.payloadTooLarge } });
});

// Given untrusted msgpack on an oracle subject, when it is parsed, then it is an oracle command
// carrying the identities of the subject, or a typed rejection; the reference's own rules are left
// to the handlers.
import t from 'tap';
import { Encoder } from '@msgpack/msgpack';
import { EXCHANGE_RATES_TEXT_LENGTH_MAX, parseOracleMessage } from '../src/index.js';

const encode = (value: unknown): Uint8Array => new Encoder({ useBigInt64: true }).encode(value);
const FEEDER = 'terra1feeder';
const VALIDATOR = 'terravaloper1alpha';
const HASH = 'a'.repeat(40);
const prevote = (payload: unknown, feeder = FEEDER) =>
  parseOracleMessage(payload, { kind: 'SubmitPrevote', validator: VALIDATOR, feeder });
const vote = (payload: unknown) =>
  parseOracleMessage(payload, { kind: 'SubmitVote', validator: VALIDATOR, feeder: FEEDER });

t.test('each message takes the validator and the feeder from the subject', async (t) => {
  t.same(
    parseOracleMessage(encode({ delegate: FEEDER }), { kind: 'DelegateFeedConsent', validator: VALIDATOR }),
    {
      ok: true,
      value: { type: 'DelegateFeedConsent', operator: VALIDATOR, delegate: FEEDER },
    },
  );
  t.same(prevote(encode({ hash: HASH })), {
    ok: true,
    value: { type: 'SubmitPrevote', feeder: FEEDER, validator: VALIDATOR, hash: HASH },
  });
  t.same(vote(encode({ salt: 'abcd', exchangeRates: '1.0uusd' })), {
    ok: true,
    value: {
      type: 'SubmitVote',
      feeder: FEEDER,
      validator: VALIDATOR,
      salt: 'abcd',
      exchangeRatesText: '1.0uusd',
    },
  });
});

t.test(
  'what the reference rejects itself passes the edge, to be recorded with the reference code',
  async (t) => {
    t.match(prevote(encode({ hash: 'zz' })), { ok: true }, 'not hex');
    t.match(
      vote(encode({ salt: '', exchangeRates: 'x'.repeat(5000) })),
      { ok: true },
      'empty salt, rates over 4096 bytes',
    );
  },
);

t.test('malformed oracle messages are typed rejections', async (t) => {
  const cases: readonly { name: string; result: ReturnType<typeof vote>; code: string; message: RegExp }[] = [
    {
      name: 'a validator field',
      result: vote(encode({ validator: 'terravaloper1beta', salt: 's', exchangeRates: '1.0uusd' })),
      code: 'EDGE_ERR_INVALID_FIELD',
      message: /^payload.validator: identity comes from the subject/,
    },
    {
      name: 'a field of another kind',
      result: prevote(encode({ hash: HASH, salt: 's' })),
      code: 'EDGE_ERR_INVALID_FIELD',
      message: /^payload.salt: unexpected field \(expected only hash\)/,
    },
    {
      name: 'rates text beyond the edge bound',
      result: vote(encode({ salt: 's', exchangeRates: 'x'.repeat(EXCHANGE_RATES_TEXT_LENGTH_MAX + 1) })),
      code: 'EDGE_ERR_INVALID_FIELD',
      message: /^payload.exchangeRates: longer than 8192 characters/,
    },
    {
      name: 'salt not a string',
      result: vote(encode({ salt: 1234, exchangeRates: '1.0uusd' })),
      code: 'EDGE_ERR_INVALID_FIELD',
      message: /^payload.salt: expected a string, got number 1234/,
    },
    {
      name: 'a delegate that is no identity',
      result: parseOracleMessage(encode({ delegate: 'val*' }), {
        kind: 'DelegateFeedConsent',
        validator: VALIDATOR,
      }),
      code: 'EDGE_ERR_INVALID_FIELD',
      message: /^payload.delegate/,
    },
    {
      name: 'a salt of invalid UTF-8 (a lone surrogate once decoded)',
      result: vote(
        Uint8Array.of(
          0x82, // a map of two entries
          ...encode('exchangeRates'),
          ...encode('1.0uusd'),
          ...encode('salt'),
          ...[0xa3, 0xed, 0xa0, 0x80], // a 3-byte string holding U+D800, which UTF-8 does not allow
        ),
      ),
      code: 'EDGE_ERR_INVALID_FIELD',
      message: /^payload.salt: not valid UTF-8 text/,
    },
    {
      name: 'a payload that is too large',
      result: vote(new Uint8Array(20_000)),
      code: 'EDGE_ERR_TOO_LARGE',
      message: /payload too large/,
    },
    {
      name: 'not msgpack',
      result: vote(Uint8Array.of(0xdc, 0xff)),
      code: 'EDGE_ERR_MALFORMED',
      message: /malformed payload/,
    },
  ];
  for (const c of cases) {
    t.match(c.result, { ok: false, error: { code: c.code, message: c.message } }, c.name);
  }
  t.match(prevote(encode({ hash: HASH }), 'bad feeder'), {
    ok: false,
    error: { message: /^feeder \(from the subject\)/ },
  });
  t.match(parseOracleMessage(encode({ delegate: FEEDER }), { kind: 'DelegateFeedConsent', validator: '' }), {
    ok: false,
    error: { message: /^validator \(from the subject\)/ },
  });
});

// Given untrusted msgpack from the wire, when it is parsed as a swap or a quote, then it is a Swap
// command with the transport's identity, or a typed rejection with a stable code that never reaches
// the log.
import t from 'tap';
import { Encoder } from '@msgpack/msgpack';
import {
  AMOUNT_LIMIT,
  knownDenoms,
  PAYLOAD_BYTES_MAX,
  parseBalanceQuery,
  parseQuoteRequest,
  parseSwapRequest,
} from '../src/index.js';
import { devnet, TRADER } from './support/devnet.js';

const encode = (value: unknown): Uint8Array => new Encoder({ useBigInt64: true }).encode(value);
const DENOMS = knownDenoms(devnet());
const parse = (payload: unknown, trader = TRADER) =>
  parseSwapRequest(payload, { trader, knownDenoms: DENOMS });
const parseSend = (payload: unknown) =>
  parseSwapRequest(payload, { trader: TRADER, knownDenoms: DENOMS, variant: 'swapSend' });
const REQUEST = { requestId: 'req-1', offer: { denom: 'uusd', amount: '1000000' }, askDenom: 'uluna' };

t.test('the node knows uluna, usdr, the whitelist and the reserve pair', async (t) => {
  t.same([...DENOMS].sort(), ['ubtc', 'uluna', 'usdr', 'uusd']);
});

t.test('a swap request becomes a Swap command paying the trader from the subject', async (t) => {
  t.same(parse(encode(REQUEST)), {
    ok: true,
    value: {
      type: 'Swap',
      requestId: 'req-1',
      trader: TRADER,
      receiver: TRADER,
      offer: { denom: 'uusd', amount: 1_000_000n },
      askDenom: 'uluna',
    },
  });
});

t.test('a swap-send names its receiver; a plain swap may not', async (t) => {
  t.match(parseSend(encode({ ...REQUEST, receiver: 'terra1bob' })), {
    ok: true,
    value: { trader: TRADER, receiver: 'terra1bob' },
  });
  t.match(parseSend(encode(REQUEST)), { ok: false, error: { message: /^payload.receiver: missing/ } });
  t.match(parse(encode({ ...REQUEST, receiver: 'terra1bob' })), {
    ok: false,
    error: { code: 'EDGE_ERR_INVALID_FIELD', message: /^payload.receiver: unexpected field/ },
  });
});

t.test('an amount may be digits in a string, a small integer or a msgpack int64', async (t) => {
  for (const amount of ['123', 123, 123n]) {
    t.match(
      parse(encode({ ...REQUEST, offer: { denom: 'uusd', amount } })),
      { ok: true, value: { offer: { amount: 123n } } },
      typeof amount,
    );
  }
  const largest = (AMOUNT_LIMIT - 1n).toString();
  t.match(parse(encode({ ...REQUEST, offer: { denom: 'uusd', amount: largest } })), {
    ok: true,
    value: { offer: { amount: AMOUNT_LIMIT - 1n } },
  });
});

t.test(
  'a zero offer or a recursive swap passes the edge: the core rejects them with the reference codes',
  async (t) => {
    t.match(parse(encode({ ...REQUEST, offer: { denom: 'uusd', amount: 0 } })), { ok: true });
    t.match(parse(encode({ ...REQUEST, askDenom: 'uusd' })), { ok: true });
  },
);

interface EdgeCase {
  readonly name: string;
  readonly payload: unknown;
  readonly code: string;
  readonly message: RegExp;
  readonly trader?: string;
  /** Parsed as a swap-send (`market.swap-send.<trader>`). */
  readonly send?: boolean;
}

const INVALID: readonly EdgeCase[] = [
  {
    name: 'not msgpack',
    payload: Uint8Array.of(0xc1),
    code: 'EDGE_ERR_MALFORMED',
    message: /not one msgpack value.*: malformed payload$/,
  },
  {
    name: 'two msgpack values',
    payload: Uint8Array.of(0x01, 0x02),
    code: 'EDGE_ERR_MALFORMED',
    message: /malformed payload/,
  },
  { name: 'empty', payload: new Uint8Array(0), code: 'EDGE_ERR_MALFORMED', message: /malformed payload/ },
  {
    name: 'oversized',
    payload: new Uint8Array(PAYLOAD_BYTES_MAX + 1),
    code: 'EDGE_ERR_TOO_LARGE',
    message: /^16385 bytes: payload too large$/,
  },
  {
    name: 'an array',
    payload: encode([REQUEST]),
    code: 'EDGE_ERR_INVALID_FIELD',
    message: /^payload: expected a map/,
  },
  {
    name: 'no request id',
    payload: encode({ offer: REQUEST.offer, askDenom: 'uluna' }),
    code: 'EDGE_ERR_INVALID_FIELD',
    message: /^payload.requestId: missing/,
  },
  {
    name: 'request id too long',
    payload: encode({ ...REQUEST, requestId: 'x'.repeat(129) }),
    code: 'EDGE_ERR_INVALID_FIELD',
    message: /^payload.requestId/,
  },
  {
    name: 'request id with a slash',
    payload: encode({ ...REQUEST, requestId: 'a/b' }),
    code: 'EDGE_ERR_INVALID_FIELD',
    message: /^payload.requestId/,
  },
  {
    name: 'request id with a space',
    payload: encode({ ...REQUEST, requestId: 'a b' }),
    code: 'EDGE_ERR_INVALID_FIELD',
    message: /^payload.requestId/,
  },
  {
    name: 'negative amount',
    payload: encode({ ...REQUEST, offer: { denom: 'uusd', amount: -5 } }),
    code: 'EDGE_ERR_INVALID_FIELD',
    message: /^payload.offer.amount: must not be negative/,
  },
  {
    name: 'negative amount text',
    payload: encode({ ...REQUEST, offer: { denom: 'uusd', amount: '-5' } }),
    code: 'EDGE_ERR_INVALID_FIELD',
    message: /must not be negative/,
  },
  {
    name: 'negative int64',
    payload: encode({ ...REQUEST, offer: { denom: 'uusd', amount: -5n } }),
    code: 'EDGE_ERR_INVALID_FIELD',
    message: /must not be negative/,
  },
  {
    name: 'amount of 2^100',
    payload: encode({ ...REQUEST, offer: { denom: 'uusd', amount: AMOUNT_LIMIT.toString() } }),
    code: 'EDGE_ERR_INVALID_FIELD',
    message: /below 2\^100/,
  },
  {
    name: 'huge amount text',
    payload: encode({ ...REQUEST, offer: { denom: 'uusd', amount: '9'.repeat(200) } }),
    code: 'EDGE_ERR_INVALID_FIELD',
    message: /^payload.offer.amount: expected an integer amount/,
  },
  {
    name: 'fractional amount',
    payload: encode({ ...REQUEST, offer: { denom: 'uusd', amount: 1.5 } }),
    code: 'EDGE_ERR_INVALID_FIELD',
    message: /expected an integer amount/,
  },
  {
    name: 'unsafe number amount',
    payload: encode({ ...REQUEST, offer: { denom: 'uusd', amount: 2 ** 60 } }),
    code: 'EDGE_ERR_INVALID_FIELD',
    message: /send it as a decimal string/,
  },
  {
    name: 'decimal amount text',
    payload: encode({ ...REQUEST, offer: { denom: 'uusd', amount: '1.0' } }),
    code: 'EDGE_ERR_INVALID_FIELD',
    message: /decimal digits/,
  },
  {
    name: 'amount as binary',
    payload: encode({ ...REQUEST, offer: { denom: 'uusd', amount: new Uint8Array(4) } }),
    code: 'EDGE_ERR_INVALID_FIELD',
    message: /got binary/,
  },
  {
    name: 'unknown offer denom',
    payload: encode({ ...REQUEST, offer: { denom: 'ukrw', amount: '1' } }),
    code: 'EDGE_ERR_INVALID_FIELD',
    message: /^payload.offer.denom: unknown denom "ukrw" \(known: ubtc, uluna, usdr, uusd\)/,
  },
  {
    name: 'unknown ask denom',
    payload: encode({ ...REQUEST, askDenom: 'ufoo' }),
    code: 'EDGE_ERR_INVALID_FIELD',
    message: /^payload.askDenom: unknown denom/,
  },
  {
    name: 'denom not a string',
    payload: encode({ ...REQUEST, askDenom: 7 }),
    code: 'EDGE_ERR_INVALID_FIELD',
    message: /^payload.askDenom: expected a denom string/,
  },
  {
    name: 'offer as a coin string',
    payload: encode({ ...REQUEST, offer: '1000uusd' }),
    code: 'EDGE_ERR_INVALID_FIELD',
    message: /^payload.offer: expected a map/,
  },
  {
    name: 'a trader field',
    payload: encode({ ...REQUEST, trader: 'terra1victim' }),
    code: 'EDGE_ERR_INVALID_FIELD',
    message: /^payload.trader: identity comes from the subject/,
  },
  {
    name: 'an unknown field',
    payload: encode({ ...REQUEST, slippage: 1 }),
    code: 'EDGE_ERR_INVALID_FIELD',
    message: /^payload.slippage: unexpected field/,
  },
  {
    name: 'a module account as receiver',
    send: true,
    payload: encode({ ...REQUEST, receiver: 'module:oracle' }),
    code: 'EDGE_ERR_INVALID_FIELD',
    message: /^payload.receiver: expected a string matching/,
  },
  {
    name: 'an empty receiver',
    send: true,
    payload: encode({ ...REQUEST, receiver: '' }),
    code: 'EDGE_ERR_INVALID_FIELD',
    message: /^payload.receiver: expected a string matching/,
  },
  {
    name: 'an oversized receiver',
    send: true,
    payload: encode({ ...REQUEST, receiver: 'a'.repeat(129) }),
    code: 'EDGE_ERR_INVALID_FIELD',
    message: /^payload.receiver: expected a string matching/,
  },
  {
    name: 'a subject token that is no identity',
    payload: encode(REQUEST),
    trader: 'a:b',
    code: 'EDGE_ERR_INVALID_FIELD',
    message: /^trader \(from the subject\)/,
  },
];

t.test('every malformed swap request is a typed rejection naming the problem', async (t) => {
  for (const c of INVALID) {
    const result = c.send === true ? parseSend(c.payload) : parse(c.payload, c.trader);
    if (result.ok) {
      t.fail(`${c.name}: accepted`);
      continue;
    }
    t.equal(result.error.code, c.code, c.name);
    t.match(result.error.message, c.message, c.name);
    t.ok(result.error.hint.length > 0, `${c.name}: says what to do`);
  }
});

t.test('an already decoded value is validated the same way', async (t) => {
  t.match(parse(REQUEST), { ok: true, value: { offer: { amount: 1_000_000n } } });
  t.match(parse({ ...REQUEST, trader: 'x' }), { ok: false, error: { code: 'EDGE_ERR_INVALID_FIELD' } });
  t.match(parse(null), {
    ok: false,
    error: { code: 'EDGE_ERR_INVALID_FIELD', message: /^payload: expected a map, got null/ },
  });
});

t.test('a quote request is an offer and an ask denom, with no identity', async (t) => {
  t.same(parseQuoteRequest(encode({ offer: REQUEST.offer, askDenom: 'uluna' }), { knownDenoms: DENOMS }), {
    ok: true,
    value: { offer: { denom: 'uusd', amount: 1_000_000n }, askDenom: 'uluna' },
  });
  t.match(parseQuoteRequest(encode(REQUEST), { knownDenoms: DENOMS }), {
    ok: false,
    error: { code: 'EDGE_ERR_INVALID_FIELD', message: /^payload.requestId: unexpected field/ },
  });
});

t.test('a balance query names any account, module accounts included', async (t) => {
  t.same(parseBalanceQuery(encode({ account: 'module:reserve' })), {
    ok: true,
    value: { account: 'module:reserve' },
  });
  t.match(parseBalanceQuery(encode({ account: 'a b' })), {
    ok: false,
    error: { code: 'EDGE_ERR_INVALID_FIELD' },
  });
  t.match(parseBalanceQuery(encode({})), { ok: false, error: { message: /^payload.account: missing/ } });
});

// Whatever arrives on the wire, the edge parsers answer with a value: a command or a typed
// rejection. Fuzzed with arbitrary bytes, arbitrary JSON-like values and near-valid payloads.
import t from 'tap';
import fc from 'fast-check';
import { Encoder } from '@msgpack/msgpack';
import { REJECTIONS, type Result } from '@marketnode/errors';
import { propertyOptions, propertySeed } from '@marketnode/testkit';
import {
  decodeCommand,
  encodeCommand,
  type Command,
  knownDenoms,
  parseBalanceQuery,
  parseOracleMessage,
  parseQuoteRequest,
  parseSwapRequest,
} from '../src/index.js';
import { devnet, hex } from './support/devnet.js';

t.comment(`property seed ${propertySeed()} (PROPERTY_SEED replays a run)`);

const encode = (value: unknown): Uint8Array => new Encoder({ useBigInt64: true }).encode(value);
const DENOMS = knownDenoms(devnet());
const EDGE_CODES: ReadonlySet<string> = new Set(
  Object.values(REJECTIONS)
    .filter((kind) => kind.codespace === 'edge')
    .map((kind) => kind.code),
);

const PARSERS: readonly ((payload: unknown) => Result<unknown>)[] = [
  (payload) => parseSwapRequest(payload, { trader: 'terra1trader', knownDenoms: DENOMS }),
  (payload) =>
    parseSwapRequest(payload, { trader: 'terra1trader', knownDenoms: DENOMS, variant: 'swapSend' }),
  (payload) => parseQuoteRequest(payload, { knownDenoms: DENOMS }),
  (payload) => parseBalanceQuery(payload),
  (payload) => parseOracleMessage(payload, { kind: 'DelegateFeedConsent', validator: 'terravaloper1alpha' }),
  (payload) =>
    parseOracleMessage(payload, {
      kind: 'SubmitPrevote',
      validator: 'terravaloper1alpha',
      feeder: 'terra1feeder',
    }),
  (payload) =>
    parseOracleMessage(payload, {
      kind: 'SubmitVote',
      validator: 'terravaloper1alpha',
      feeder: 'terra1feeder',
    }),
];

/**
 * The parser returns a result; a rejection carries one of the edge's codes; and a command the edge
 * accepts can always be written to the log and read back as itself.
 */
function answers(parse: (payload: unknown) => Result<unknown>, payload: unknown): boolean {
  const result = parse(payload);
  if (!result.ok) return EDGE_CODES.has(result.error.code);
  const { value } = result;
  if (typeof value !== 'object' || value === null || !('type' in value)) return true; // a query
  const command = value as Command;
  const bytes = encodeCommand(command);
  return hex(encodeCommand(decodeCommand(bytes))) === hex(bytes);
}

function everyParserAnswers(payload: unknown): boolean {
  return PARSERS.every((parse) => answers(parse, payload));
}

/** msgpack bytes of `value`, or undefined when msgpack cannot hold it (a bigint beyond 64 bits). */
function encodeOrUndefined(value: unknown): Uint8Array | undefined {
  try {
    return encode(value);
  } catch {
    return undefined;
  }
}

// Fails if msgpack's own errors escape (remove the try/catch in `readPayload`), or if a field
// reader throws anything but its DecodeError (e.g. `guardEdge` rethrowing everything).
t.test('no bytes make a parser throw', async (t) => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 96 }), everyParserAnswers), propertyOptions(3000));
  t.pass('checked by the property above');
});

// Fails under the same mutations, and if a reader assumes a shape (e.g. without the map check of
// `expectRecord`, a null payload reaches `Object.hasOwn(null)`).
t.test('no JSON-like value, raw or msgpack-encoded, makes a parser throw', async (t) => {
  const valueArb = fc.anything({
    withBigInt: true,
    withNullPrototype: true,
    withTypedArray: true,
    maxDepth: 3,
  });
  fc.assert(
    fc.property(
      valueArb,
      (value) => everyParserAnswers(value) && everyParserAnswers(encodeOrUndefined(value)),
    ),
    propertyOptions(2000),
  );
  t.pass('checked by the property above');
});

/** Text that sometimes holds a lone surrogate, which is what invalid UTF-8 on the wire decodes to. */
const textWithLoneSurrogatesArb = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\ud800', '\udfff'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});

// Near-valid payloads reach deep into the readers: any field of a valid payload of each parser
// replaced by an arbitrary value or by UTF-16 with lone surrogates. Fails if the edge accepts what
// the log cannot hold (drop the UTF-8 check of `readText`: the command then fails to encode).
t.test('a valid request with any one field replaced is accepted or rejected, never thrown', async (t) => {
  const offer = { denom: 'uusd', amount: '5' };
  const validPayloads: readonly Record<string, unknown>[] = [
    { requestId: 'r', offer, askDenom: 'uluna' },
    { requestId: 'r', offer, askDenom: 'uluna', receiver: 'terra1bob' },
    { offer, askDenom: 'uluna' },
    { account: 'terra1bob' },
    { delegate: 'terra1feeder' },
    { hash: 'ab'.repeat(20) },
    { salt: 'ab', exchangeRates: '1.0uusd' },
  ];
  const cases = fc.integer({ min: 0, max: PARSERS.length - 1 }).chain((index) => {
    const payload = validPayloads[index] as Record<string, unknown>;
    const keys = [...Object.keys(payload), ...('offer' in payload ? ['offer.denom', 'offer.amount'] : [])];
    return fc.tuple(fc.constant(index), fc.constantFrom(...keys));
  });
  const valueArb = fc.oneof(fc.anything({ withBigInt: true }), textWithLoneSurrogatesArb);
  fc.assert(
    fc.property(cases, valueArb, ([index, key], value) => {
      const parse = PARSERS[index] as (typeof PARSERS)[number];
      const payload = structuredClone(validPayloads[index]) as Record<string, unknown>;
      const [outer, inner] = key.split('.') as [string, string | undefined];
      if (inner === undefined) payload[outer] = value;
      else (payload[outer] as Record<string, unknown>)[inner] = value;
      const bytes = encodeOrUndefined(payload);
      return answers(parse, payload) && (bytes === undefined || answers(parse, bytes));
    }),
    propertyOptions(3000),
  );
  t.pass('checked by the property above');
});

t.test('a header claiming four billion elements is refused without allocating them', async (t) => {
  for (const header of [0xdd, 0xdf]) {
    const bytes = Uint8Array.of(header, 0xff, 0xff, 0xff, 0xff);
    t.match(parseSwapRequest(bytes, { trader: 'terra1trader', knownDenoms: DENOMS }), {
      ok: false,
      error: { code: 'EDGE_ERR_MALFORMED' },
    });
  }
});

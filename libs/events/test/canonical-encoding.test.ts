// The codec is canonical and lossless: the same value always gives the same bytes, whatever order
// its fields were set in; integers above 2^53 and 256-bit amounts come back exact; every entry
// carries its schema version.
import t from 'tap';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import * as dec from '@marketnode/dec';
import { propertyOptions, propertySeed } from '@marketnode/testkit';
import {
  applyCommand,
  commandToWire,
  encodeWire,
  eventsToWire,
  decodeCommand,
  decodeEvent,
  decodeEvents,
  decodeWire,
  encodeCommand,
  encodeEvent,
  encodeEvents,
  encodeLogBody,
  encodeLogBodyOfEncoded,
  eventToWire,
  type Command,
  type Event,
} from '../src/index.js';
import { decCodec } from '../src/codec/field-codecs.js';
import { devnet, hex } from './support/devnet.js';
import { commandsOf, scriptArb } from './support/scripts.js';

t.comment(`property seed ${propertySeed()} (PROPERTY_SEED replays a run)`);

t.test(
  'a swap command is written as a flat map: v, type, then its fields; amounts as decimal text',
  async (t) => {
    const command: Command = {
      type: 'Swap',
      requestId: 'r1',
      trader: 'terra1trader',
      receiver: 'terra1bob',
      offer: { denom: 'uusd', amount: 1_000_000n },
      askDenom: 'uluna',
    };
    const wire = decodeWire(encodeCommand(command), 'command') as Record<string, unknown>;
    t.same(Object.keys(wire), ['v', 'type', 'requestId', 'trader', 'receiver', 'offer', 'askDenom']);
    t.same(wire, {
      v: 1,
      type: 'Swap',
      requestId: 'r1',
      trader: 'terra1trader',
      receiver: 'terra1bob',
      offer: { denom: 'uusd', amount: '1000000' },
      askDenom: 'uluna',
    });
    t.same(decodeCommand(encodeCommand(command)), command);
  },
);

t.test('heights and times beyond 2^53 are msgpack uint64 and come back exact', async (t) => {
  const command: Command = { type: 'EndBlock', height: (1n << 63n) + 5n, timeMs: (1n << 64n) - 1n };
  const bytes = encodeCommand(command);
  t.same(decodeCommand(bytes), command);
  // "height" (a 6-byte fixstr key) is followed by 0xcf, msgpack's uint64, and its 8 big-endian bytes.
  const at = Buffer.from(bytes).indexOf(Buffer.from('height')) + 'height'.length;
  t.equal(bytes[at], 0xcf);
  t.equal(Buffer.from(bytes).readBigUInt64BE(at + 1), command.height);
});

t.test('a value that cannot be read back is never written', async (t) => {
  t.throws(() => encodeCommand({ type: 'EndBlock', height: -1n, timeMs: 0n }), /assertion failed/);
  t.throws(() => encodeCommand({ type: 'EndBlock', height: 1n << 64n, timeMs: 0n }), /assertion failed/);
  const swap: Command = {
    type: 'Swap',
    requestId: 'r',
    trader: 'a1',
    receiver: 'a1',
    offer: { denom: 'uusd', amount: 1n << 256n },
    askDenom: 'uluna',
  };
  t.throws(() => encodeCommand(swap), /assertion failed/);
  const valid: Command = { type: 'EndBlock', height: 1n, timeMs: 2n };
  t.same(
    decodeCommand(encodeCommand(valid)),
    valid,
    'a write cut short by an assertion leaves nothing behind',
  );
});

t.test('the largest coin amount and the widest Dec survive the round trip', async (t) => {
  const widestDec = dec.fromScaled(-((1n << 316n) - 1n));
  const event: Event = {
    type: 'ValidatorSlashed',
    height: 1n,
    operator: 'terravaloper1alpha',
    validRate: widestDec,
    amount: (1n << 256n) - 1n,
  };
  t.same(decodeEvent(encodeEvent(event)), event);
});

// Fails if decCodec reads the text back any other way than it wrote it (e.g. the decimal point
// taken one digit off, `wire.length - 18`), or formats differently from an exact decimal.
t.test('Dec text is exactly the 18-decimal value and reads back to the same Dec', async (t) => {
  // 316 bits is 96 digits: enough precision that the division by 10^18 is exact.
  const Exact = Decimal.clone({ precision: 120 });
  const decArb = fc.bigInt({ min: -((1n << 316n) - 1n), max: (1n << 316n) - 1n }).map(dec.fromScaled);
  fc.assert(
    fc.property(decArb, (value) => {
      const text = decCodec.encode(value) as string;
      const exact = new Exact(value.toString()).div(new Exact(10).pow(18));
      return text === exact.toFixed(18) && decCodec.decode(text, 'x') === value;
    }),
    propertyOptions(1000),
  );
  t.pass('checked by the property above');
});

/** Every command of a random log, and every event it produced on a fresh devnet. */
function commandsAndEventsArb(): fc.Arbitrary<{ commands: Command[]; events: Event[] }> {
  return scriptArb({ maxBlocks: 12 }).map((script) => {
    const state = devnet();
    const log = commandsOf(script);
    const events = log.flatMap(({ command, height }) => applyCommand(state, command, { height }));
    return { commands: log.map((entry) => entry.command), events };
  });
}

// Fails if any codec loses or changes a field on the way back (e.g. a Dec's sign, a list's order),
// or if decoding rebuilds a value that encodes to other bytes.
t.test(
  'every command and event of a random log decodes to itself and re-encodes to the same bytes',
  async (t) => {
    fc.assert(
      fc.property(commandsAndEventsArb(), ({ commands, events }) => {
        for (const command of commands) {
          const bytes = encodeCommand(command);
          const back = decodeCommand(bytes);
          t.same(back, command);
          if (hex(encodeCommand(back)) !== hex(bytes)) return false;
        }
        const bytes = encodeEvents(events);
        const back = decodeEvents(bytes);
        t.same(back, events);
        return hex(encodeEvents(back)) === hex(bytes);
      }),
      propertyOptions(40),
    );
  },
);

function shuffledCopy<T extends object>(value: T, order: readonly number[]): T {
  const entries = Object.entries(value);
  const shuffled = entries
    .map((entry, i) => ({ entry, key: order[i % order.length] ?? 0 }))
    .sort((a, b) => a.key - b.key)
    .map(({ entry }) => entry);
  return Object.fromEntries(shuffled) as T;
}

// Fails if the encoder writes fields in the order the object happens to have them
// (`Object.keys(value)`) instead of the schema's declared order.
t.test('the bytes do not depend on the order in which a value’s fields were set', async (t) => {
  fc.assert(
    fc.property(
      commandsAndEventsArb(),
      fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 30 }),
      ({ commands, events }, order) => {
        for (const command of commands) {
          if (hex(encodeCommand(shuffledCopy(command, order))) !== hex(encodeCommand(command))) return false;
        }
        return events.every(
          (event) => hex(encodeEvent(shuffledCopy(event, order))) === hex(encodeEvent(event)),
        );
      },
    ),
    propertyOptions(40),
  );
  t.pass('checked by the property above');
});

t.test('every encoded command and event carries schema version 1', async (t) => {
  t.equal(commandToWire({ type: 'EndBlock', height: 1n, timeMs: 2n })['v'], 1);
  t.equal(eventToWire({ type: 'BlockEnded', height: 1n, timeMs: 2n })['v'], 1);
});

// Fails if the fast writer drifts from @msgpack/msgpack in any header or form, e.g. a fixstr up to
// 32 bytes instead of 31, a map16 from 15 entries, or a Dec text with the zeros after the digits.
t.test('the fast writer gives exactly the bytes of @msgpack/msgpack for the same wire value', async (t) => {
  fc.assert(
    fc.property(commandsAndEventsArb(), ({ commands, events }) => {
      const commandsAgree = commands.every(
        (c) => hex(encodeCommand(c)) === hex(encodeWire(commandToWire(c))),
      );
      return commandsAgree && hex(encodeEvents(events)) === hex(encodeWire(eventsToWire(events)));
    }),
    propertyOptions(40),
  );
  const textArb = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 300 }),
    fc.constantFrom(31, 32, 255, 256, 65_535, 65_536).map((n) => 'x'.repeat(n)),
    fc.constantFrom('é'.repeat(16), '€'.repeat(11), '😀'.repeat(8)),
  );
  const decArb = fc.bigInt({ min: -(1n << 316n) + 1n, max: (1n << 316n) - 1n }).map(dec.fromScaled);
  fc.assert(
    fc.property(textArb, decArb, (message, validRate) => {
      const rejected: Event = {
        type: 'OracleMessageRejected',
        command: 'SubmitVote',
        sender: 'terra1feeder',
        validator: 'terravaloper1alpha',
        code: 'ORACLE_ERR_NO_VOTE',
        message: message.slice(0, 16_384),
      };
      const slashed: Event = { type: 'ValidatorSlashed', height: 1n, operator: 'v1', validRate, amount: 0n };
      return [rejected, slashed].every(
        (event) => hex(encodeEvent(event)) === hex(encodeWire(eventToWire(event))),
      );
    }),
    propertyOptions(500),
  );
  t.pass('checked by the properties above');
});

// Fails if the log body's direct writing drifts from the generic encoding (key order, headers), or
// if embedding pre-encoded events gives other bytes than encoding them in place.
t.test('a log body is the same bytes written directly, from encoded events, or generically', async (t) => {
  fc.assert(
    fc.property(commandsAndEventsArb(), ({ commands, events }) =>
      commands.every((command) => {
        const generic = hex(encodeWire({ command: commandToWire(command), events: eventsToWire(events) }));
        return (
          hex(encodeLogBody(command, events)) === generic &&
          hex(encodeLogBodyOfEncoded(command, events.map(encodeEvent))) === generic
        );
      }),
    ),
    propertyOptions(40),
  );
  t.pass('checked by the property above');
});

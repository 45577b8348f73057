// Reading the log back guards against anything malformed: a DecodeError names the exact path of the
// first bad value, and no other exception ever escapes a decoder, whatever the bytes.
import t from 'tap';
import fc from 'fast-check';
import { Encoder } from '@msgpack/msgpack';
import { propertyOptions, propertySeed } from '@marketnode/testkit';
import {
  commandToWire,
  decodeCommand,
  decodeEvents,
  decodeState,
  DecodeError,
  decodeWire,
  encodeCommand,
  encodeState,
  eventToWire,
  type Command,
} from '../src/index.js';
import { devnet, hex } from './support/devnet.js';

t.comment(`property seed ${propertySeed()} (PROPERTY_SEED replays a run)`);

const lossless = new Encoder({ useBigInt64: true });
const encodeRaw = (value: unknown): Uint8Array => lossless.encode(value);

const SWAP: Command = {
  type: 'Swap',
  requestId: 'r1',
  trader: 'terra1trader',
  receiver: 'terra1trader',
  offer: { denom: 'uusd', amount: 1_000n },
  askDenom: 'uluna',
};
const swapWire = (): Record<string, unknown> =>
  structuredClone(commandToWire(SWAP)) as Record<string, unknown>;

function decodeErrorOf(run: () => unknown): DecodeError {
  try {
    run();
  } catch (error) {
    if (error instanceof DecodeError) return error;
    throw error;
  }
  throw new Error('expected a DecodeError');
}

t.test('each malformed command names the path of its first bad value', async (t) => {
  const cases: readonly { name: string; wire: unknown; path: string; problem: RegExp }[] = [
    { name: 'not a map', wire: [1, 2], path: 'command', problem: /expected a map, got an array/ },
    {
      name: 'unknown type',
      wire: { ...swapWire(), type: 'Steal' },
      path: 'command.type',
      problem: /one of Swap/,
    },
    {
      name: 'no version',
      wire: { ...swapWire(), v: undefined },
      path: 'command.v',
      problem: /schema version/,
    },
    {
      name: 'missing field',
      wire: { v: 1, type: 'Swap', requestId: 'r' },
      path: 'command.trader',
      problem: /missing/,
    },
    {
      name: 'extra field',
      wire: { ...swapWire(), admin: true },
      path: 'command.admin',
      problem: /unexpected field/,
    },
    {
      name: 'amount as a number',
      wire: { ...swapWire(), offer: { denom: 'uusd', amount: 1000 } },
      path: 'command.offer.amount',
      problem: /decimal text/,
    },
    {
      name: 'negative amount',
      wire: { ...swapWire(), offer: { denom: 'uusd', amount: '-1' } },
      path: 'command.offer.amount',
      problem: /unsigned integer/,
    },
    {
      name: 'amount with leading zeros',
      wire: { ...swapWire(), offer: { denom: 'uusd', amount: '007' } },
      path: 'command.offer.amount',
      problem: /without leading zeros/,
    },
    {
      name: 'amount above 256 bits',
      wire: { ...swapWire(), offer: { denom: 'uusd', amount: (1n << 256n).toString() } },
      path: 'command.offer.amount',
      problem: /256 bits/,
    },
    {
      name: 'bad denom',
      wire: { ...swapWire(), askDenom: 'u$d' },
      path: 'command.askDenom',
      problem: /matching/,
    },
    {
      name: 'identity with a dot',
      wire: { ...swapWire(), trader: 'a.b' },
      path: 'command.trader',
      problem: /matching/,
    },
    {
      name: 'negative height',
      wire: { v: 1, type: 'EndBlock', height: -1n, timeMs: 0n },
      path: 'command.height',
      problem: /unsigned 64-bit/,
    },
    {
      name: 'float time',
      wire: { v: 1, type: 'EndBlock', height: 1n, timeMs: 1.5 },
      path: 'command.timeMs',
      problem: /unsigned 64-bit/,
    },
  ];
  for (const c of cases) {
    const error = decodeErrorOf(() => decodeCommand(encodeRaw(c.wire)));
    t.equal(error.path, c.path, c.name);
    t.match(error.problem, c.problem, c.name);
    t.equal(error.code, 'EVENTS_ERR_DECODE');
  }
});

t.test('a Dec that is not in canonical 18-decimal form is refused', async (t) => {
  const tallyWire = (validRate: unknown) => [
    {
      ...eventToWire({
        type: 'ValidatorSlashed',
        height: 1n,
        operator: 'v1',
        validRate: 0n as never,
        amount: 1n,
      }),
      validRate,
    },
  ];
  for (const text of [
    '0.5',
    '1',
    '-0.000000000000000000',
    '01.000000000000000000',
    '1e3',
    ' 1.000000000000000000',
  ]) {
    const error = decodeErrorOf(() => decodeEvents(encodeRaw(tallyWire(text))));
    t.equal(error.path, 'events[0].validRate', JSON.stringify(text));
  }
});

t.test('an entry from a newer schema is refused with what to do', async (t) => {
  const error = decodeErrorOf(() => decodeCommand(encodeRaw({ ...swapWire(), v: 2 })));
  t.equal(error.path, 'command.v');
  t.match(error.message, /newer than this build's 1: upgrade marketnode/);
});

t.test('bytes that are not one msgpack value are a DecodeError at the root', async (t) => {
  for (const bytes of [
    new Uint8Array([]),
    new Uint8Array([0xc1]),
    Uint8Array.of(...encodeCommand(SWAP), 0x00),
  ]) {
    t.equal(decodeErrorOf(() => decodeCommand(bytes)).path, 'command');
  }
});

t.test('a snapshot that is not sorted, or holds a zero balance, is refused', async (t) => {
  const stateWire = structuredClone(decodeWire(encodeState(devnet()), 'state')) as never as {
    bank: { balances: { account: string; denom: string; amount: string }[] };
  };
  const swapped = structuredClone(stateWire);
  swapped.bank.balances.reverse();
  t.match(
    decodeErrorOf(() => decodeState(encodeRaw(swapped))),
    { path: 'state.bank.balances[1]' },
  );
  const zero = structuredClone(stateWire);
  (zero.bank.balances[0] as { amount: string }).amount = '0';
  t.match(
    decodeErrorOf(() => decodeState(encodeRaw(zero))),
    { path: 'state.bank.balances[0].amount' },
  );
});

// Fails if any decoder lets a non-DecodeError escape on hostile input, e.g. without the map check in
// `expectRecord` (`Object.hasOwn(null, ...)` throws a TypeError) or without the try/catch around
// msgpack in `decodeWire`.
t.test('no bytes make a decoder throw anything but a DecodeError', async (t) => {
  const decoders = [decodeCommand, decodeEvents, decodeState];
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      for (const decode of decoders) {
        try {
          decode(bytes);
        } catch (error) {
          if (!(error instanceof DecodeError)) throw error;
        }
      }
    }),
    propertyOptions(2000),
  );
  t.pass('checked by the property above');
});

// Fails under the same mutations, on inputs that get deep into the schema: a valid command with one
// field replaced by an arbitrary value must decode to a command that round-trips, or be refused.
t.test('a valid command with any one field replaced decodes exactly or is refused', async (t) => {
  const keys = Object.keys(swapWire());
  fc.assert(
    fc.property(
      fc.constantFrom(...keys, 'offer.denom', 'offer.amount'),
      fc.anything({ withBigInt: true }),
      (key, value) => {
        const wire = swapWire();
        const [outer, inner] = key.split('.') as [string, string | undefined];
        if (inner === undefined) wire[outer] = value;
        else (wire[outer] as Record<string, unknown>)[inner] = value;
        let bytes: Uint8Array;
        try {
          bytes = encodeRaw(wire);
        } catch {
          return; // not representable in msgpack at all (e.g. a bigint beyond 64 bits)
        }
        try {
          const command = decodeCommand(bytes);
          return hex(encodeCommand(decodeCommand(encodeCommand(command)))) === hex(encodeCommand(command));
        } catch (error) {
          if (!(error instanceof DecodeError)) throw error;
          return true;
        }
      },
    ),
    propertyOptions(2000),
  );
  t.pass('checked by the property above');
});

// Old entries are upcast on read, never rewritten. There is only v1 today, so the mechanism is
// proven with a synthetic v0 of Swap: no receiver, and the offer as one coin string ("1000uusd").
import t from 'tap';
import { Encoder } from '@msgpack/msgpack';
import { parseCoin } from '@marketnode/dec';
import {
  decodeCommand,
  decodeEvents,
  DecodeError,
  encodeCommand,
  UpcasterRegistry,
  type Upcaster,
  type WireRecord,
} from '../src/index.js';

const encodeRaw = (value: unknown): Uint8Array => new Encoder({ useBigInt64: true }).encode(value);

const SWAP_V0 = {
  v: 0,
  type: 'Swap',
  requestId: 'old-1',
  trader: 'terra1trader',
  offer: '1000uusd',
  askDenom: 'uluna',
};

const swapV0ToV1: Upcaster = {
  type: 'Swap',
  fromVersion: 0,
  upcast(entry: WireRecord): WireRecord {
    const { offer, ...rest } = entry;
    if (typeof offer !== 'string') throw new TypeError('v0 offer must be a coin string');
    const coin = parseCoin(offer);
    return {
      ...rest,
      v: 1,
      receiver: entry['trader'] ?? null,
      offer: { denom: coin.denom, amount: coin.amount.toString() },
    };
  },
};

t.test('a v0 entry is upcast to the current schema on read', async (t) => {
  const command = decodeCommand(encodeRaw(SWAP_V0), { upcasters: new UpcasterRegistry([swapV0ToV1]) });
  t.same(command, {
    type: 'Swap',
    requestId: 'old-1',
    trader: 'terra1trader',
    receiver: 'terra1trader',
    offer: { denom: 'uusd', amount: 1000n },
    askDenom: 'uluna',
  });
  t.match(decodeCommand(encodeCommand(command)), command, 'and it is written back (if ever) as v1');
});

t.test('the upcast result is validated like any v1 entry', async (t) => {
  const bad = { ...SWAP_V0, offer: '1000u$d' };
  const registry = new UpcasterRegistry([swapV0ToV1]);
  t.throws(() => decodeCommand(encodeRaw(bad), { upcasters: registry }), DecodeError);
  const noRequestId: Record<string, unknown> = { ...SWAP_V0 };
  delete noRequestId['requestId'];
  t.throws(() => decodeCommand(encodeRaw(noRequestId), { upcasters: registry }), {
    name: 'DecodeError',
    path: 'command.requestId',
  });
});

t.test('an old entry with no upcaster for its version is a DecodeError', async (t) => {
  t.throws(() => decodeCommand(encodeRaw(SWAP_V0)), {
    name: 'DecodeError',
    path: 'command.v',
    problem: 'no upcaster from Swap v0',
  });
});

t.test('an upcaster that cannot read an old entry reports it as a DecodeError, not a crash', async (t) => {
  const registry = new UpcasterRegistry([swapV0ToV1]);
  t.throws(() => decodeCommand(encodeRaw({ ...SWAP_V0, offer: 7 }), { upcasters: registry }), {
    name: 'DecodeError',
    path: 'command',
    problem: /upcasting Swap v0 failed: v0 offer must be a coin string/,
  });
});

t.test('upcasters work inside an event list too, each entry at its own path', async (t) => {
  const blockEndedV0ToV1: Upcaster = {
    type: 'BlockEnded',
    fromVersion: 0,
    // v0 had no clock; the time is unknown, recorded as 0.
    upcast: (entry) => ({ ...entry, v: 1, timeMs: 0n }),
  };
  const events = decodeEvents(
    encodeRaw([
      { v: 0, type: 'BlockEnded', height: 7n },
      { v: 1, type: 'BlockEnded', height: 8n, timeMs: 9n },
    ]),
    {
      upcasters: new UpcasterRegistry([blockEndedV0ToV1]),
    },
  );
  t.same(events, [
    { type: 'BlockEnded', height: 7n, timeMs: 0n },
    { type: 'BlockEnded', height: 8n, timeMs: 9n },
  ]);
});

t.test('an upcaster that skips a version is a programmer error', async (t) => {
  const skipping: Upcaster = { type: 'Swap', fromVersion: 0, upcast: (entry) => ({ ...entry, v: 2 }) };
  t.throws(
    () => decodeCommand(encodeRaw(SWAP_V0), { upcasters: new UpcasterRegistry([skipping]) }),
    /assertion failed/,
  );
});

t.test('two upcasters for the same type and version are refused', async (t) => {
  t.throws(() => new UpcasterRegistry([swapV0ToV1, swapV0ToV1]), /two upcasters for Swap@0/);
});

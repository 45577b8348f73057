// The engine over a real nats-server and a real LMDB log: swaps answer what the core computes,
// rejections change nothing, retries are applied once, and malformed input never reaches the log.
import t from 'tap';
import { applyCommand, eventToWire, type Swap } from '@marketnode/events';
import { createNodeState } from '@marketnode/node-state';
import { decodeReply, encodePayload, type WireReply } from '@marketnode/nats-kit';
import { readGenesisFile } from '../src/genesis/genesis-file.js';
import { DEMO_GENESIS, startEngineFixture, type EngineFixture } from './support/engine-fixture.js';

const ALICE = 'terra1alice';

function value(reply: WireReply<unknown>): Record<string, unknown> {
  if (!reply.ok) throw new Error(`expected ok, got ${reply.error.code}: ${reply.error.message}`);
  return reply.value as Record<string, unknown>;
}

function errorCode(reply: WireReply<unknown>): string {
  return reply.ok ? 'ok' : reply.error.code;
}

async function balances(fixture: EngineFixture, account: string): Promise<unknown> {
  return value(await fixture.request('market.query.balance', { account }))['balances'];
}

t.test('the engine', async (t) => {
  const fixture = await startEngineFixture();
  /** The first reply to 'retry-me', which a retry after the restart must get again. */
  let retryMeReply: Uint8Array | undefined;
  t.teardown(() => fixture.close());

  await t.test('a swap round trip answers exactly what the core computes for the same state', async (t) => {
    const offer = { denom: 'uusd', amount: 1_000_000_000n };
    const reply = await fixture.request(`market.swap.${ALICE}`, {
      requestId: 'first',
      offer,
      askDenom: 'uluna',
    });
    const reference = createNodeState(readGenesisFile(DEMO_GENESIS).genesis);
    const command: Swap = {
      type: 'Swap',
      requestId: 'first',
      trader: ALICE,
      receiver: ALICE,
      offer,
      askDenom: 'uluna',
    };
    const [expected] = applyCommand(reference, command, { height: 1n });
    t.same(value(reply), eventToWire(expected!));
    t.equal(value(reply)['type'], 'SwapExecuted');
  });

  await t.test('a retried request id gets the original outcome and is applied once', async (t) => {
    const before = await balances(fixture, ALICE);
    const request = {
      requestId: 'retry-me',
      offer: { denom: 'uusd', amount: 5_000_000n },
      askDenom: 'uluna',
    };
    const first = await fixture.replyBytes(`market.swap.${ALICE}`, request);
    retryMeReply = first;
    const afterFirst = await balances(fixture, ALICE);
    const second = await fixture.replyBytes(`market.swap.${ALICE}`, request);
    t.same(Buffer.from(second), Buffer.from(first), 'the very bytes of the first reply');
    t.equal(errorCode(decodeReply(first)), 'ok');
    t.same(await balances(fixture, ALICE), afterFirst);
    t.notSame(afterFirst, before);
  });

  await t.test(
    'a retry sent before the first is answered gets the same bytes and is applied once',
    async (t) => {
      const before = await balances(fixture, ALICE);
      const request = {
        requestId: 'twice-at-once',
        offer: { denom: 'uusd', amount: 3_000_000n },
        askDenom: 'uluna',
      };
      // Sent back to back without waiting: both reach the engine before the first is durable, so the
      // retry is looked up while the original's entry is still in flight.
      const [first, second] = await Promise.all([
        fixture.replyBytes(`market.swap.${ALICE}`, request),
        fixture.replyBytes(`market.swap.${ALICE}`, request),
      ]);
      t.same(Buffer.from(second), Buffer.from(first), 'the very bytes of the first reply');
      const swapped = value(decodeReply(first));
      const after = await balances(fixture, ALICE);
      const amountOf = (held: unknown, denom: string): bigint =>
        BigInt(String((held as Record<string, unknown>)[denom] ?? 0));
      const swapCoin = swapped['swapCoin'] as { amount: unknown };
      t.equal(amountOf(after, 'uusd'), amountOf(before, 'uusd') - 3_000_000n, 'the offer was taken once');
      t.equal(
        amountOf(after, 'uluna'),
        amountOf(before, 'uluna') + BigInt(String(swapCoin.amount)),
        'paid once',
      );
    },
  );

  await t.test('every rejection answers with its code and leaves balances and pools unchanged', async (t) => {
    const pool = value(await fixture.request('market.query.pool', {}));
    const held = await balances(fixture, ALICE);
    const swap = (requestId: string, offer: unknown, askDenom: string) =>
      fixture.request(`market.swap.${ALICE}`, { requestId, offer, askDenom });
    const cases: [string, Promise<WireReply<unknown>>][] = [
      ['MARKET_ERR_RECURSIVE_SWAP', swap('r1', { denom: 'uusd', amount: 1n }, 'uusd')],
      ['SDK_ERR_INVALID_COINS', swap('r2', { denom: 'uusd', amount: 0n }, 'uluna')],
      ['SDK_ERR_INSUFFICIENT_FUNDS', swap('r3', { denom: 'ukrw', amount: 1_000_000n }, 'uluna')],
      ['MARKET_ERR_ZERO_SWAP_COIN', swap('r4', { denom: 'usdr', amount: 1n }, 'uluna')],
    ];
    for (const [code, pending] of cases) t.equal(errorCode(await pending), code);
    t.same(value(await fixture.request('market.query.pool', {})), pool);
    t.same(await balances(fixture, ALICE), held);
  });

  await t.test('malformed payloads get a typed error and never reach the log', async (t) => {
    const lastSeq = fixture.engine.lastSeq;
    const subject = `market.swap.${ALICE}`;
    const offer = { denom: 'uusd', amount: 1n };
    const refusals: [string, Promise<WireReply<unknown>>][] = [
      ['EDGE_ERR_MALFORMED', fixture.requestRaw(subject, new Uint8Array([0xc1, 0x00]))],
      [
        'EDGE_ERR_INVALID_FIELD',
        fixture.request(subject, { requestId: 'm1', offer: 'lots', askDenom: 'uluna' }),
      ],
      [
        'EDGE_ERR_INVALID_FIELD',
        fixture.request(subject, {
          requestId: 'm2',
          offer: { denom: 'uusd', amount: -5n },
          askDenom: 'uluna',
        }),
      ],
      [
        'EDGE_ERR_INVALID_FIELD',
        fixture.request(subject, {
          requestId: 'm3',
          offer: { denom: 'uusd', amount: 1n << 120n },
          askDenom: 'uluna',
        }),
      ],
      [
        'EDGE_ERR_INVALID_FIELD',
        fixture.request(subject, {
          requestId: 'm4',
          offer: { denom: 'unope', amount: 1n },
          askDenom: 'uluna',
        }),
      ],
      [
        'EDGE_ERR_INVALID_FIELD',
        fixture.request(subject, { requestId: 'm5', offer, askDenom: 'uluna', trader: 'terra1bob' }),
      ],
      [
        'EDGE_ERR_TOO_LARGE',
        fixture.requestRaw(
          subject,
          encodePayload({ requestId: 'm6', pad: 'x'.repeat(20_000), offer, askDenom: 'uluna' }),
        ),
      ],
    ];
    for (const [code, pending] of refusals) t.equal(errorCode(await pending), code);
    await fixture.request('market.query.pool', {}); // everything before it is processed
    t.equal(fixture.engine.lastSeq, lastSeq, 'no entry was appended');
  });

  await t.test('after a restart the state, the log and the retry memory are all recovered', async (t) => {
    const held = await balances(fixture, ALICE);
    const tick = value(await fixture.request('engine.control.tick', {}));
    await fixture.restart();
    t.same(await balances(fixture, ALICE), held);
    const request = {
      requestId: 'retry-me',
      offer: { denom: 'uusd', amount: 5_000_000n },
      askDenom: 'uluna',
    };
    const retried = await fixture.replyBytes(`market.swap.${ALICE}`, request);
    t.same(
      Buffer.from(retried),
      Buffer.from(retryMeReply ?? []),
      'the very bytes first sent, before the restart',
    );
    t.same(await balances(fixture, ALICE), held, 'the retry after restart was not applied again');
    const next = value(await fixture.request('engine.control.tick', {}));
    t.equal(next['height'], (tick['height'] as bigint) + 1n);
  });
});

// The shared-inbox requester against a real nats-server: thousands of concurrent requests each get
// their own reply even when replies come back out of order; requests time out, refuse or wait when
// the in-flight bound is reached, and closing (the requester or the connection) rejects what is
// pending.
import t from 'tap';
import type { Msg } from '@nats-io/transport-node';
import { propertySeed } from '@marketnode/testkit';
import {
  decodePayload,
  encodePayload,
  InFlightFullError,
  NoRespondersError,
  RequesterClosedError,
  RequestTimeoutError,
  SharedInboxRequester,
} from '../src/index.js';
import { seededRandom } from '@marketnode/testkit';
import { eventually, HeldResponder, startTestNats } from './fixtures/nats.js';

const nats = await startTestNats();
t.teardown(() => nats.close());
const clientNc = await nats.connect('test-client');
const serviceNc = await nats.connect('test-service');
const TEST_TIMEOUT = { timeout: 30_000 };

function numberOf(msg: Msg): unknown {
  const decoded = decodePayload(msg.data);
  return decoded.ok ? decoded.value : undefined;
}

t.test(
  '5000 concurrent requests answered out of order all reach the right caller',
  TEST_TIMEOUT,
  async (t) => {
    const seed = propertySeed();
    t.comment(`reply order seed ${seed} (PROPERTY_SEED=${seed} replays it)`);
    const random = seededRandom(seed);
    // Given a responder that answers each request with n*n, in a shuffled order, in bursts.
    let unanswered: Msg[] = [];
    let unansweredMax = 0;
    serviceNc.subscribe('test.square', {
      callback: (_error, msg) => {
        unanswered.push(msg);
        unansweredMax = Math.max(unansweredMax, unanswered.length);
      },
    });
    const flusher = setInterval(() => {
      const burst = unanswered;
      unanswered = [];
      for (let i = burst.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [burst[i], burst[j]] = [burst[j] as Msg, burst[i] as Msg];
      }
      for (const msg of burst) {
        const n = numberOf(msg) as bigint;
        msg.respond(encodePayload({ n, square: n * n }));
      }
    }, 2);
    t.teardown(() => clearInterval(flusher));
    await serviceNc.flush();
    const requester = new SharedInboxRequester(clientNc, { inFlightMax: 256, timeoutMs: 10_000 });
    t.teardown(() => requester.close());
    // When 5000 requests are made at once.
    const count = 5000;
    const replies = await Promise.all(
      Array.from({ length: count }, (_, i) => requester.request('test.square', encodePayload(BigInt(i)))),
    );
    // Then each caller got the square of its own number, and no more than 256 were ever in flight.
    const wrong = replies.filter((msg, i) => {
      const reply = numberOf(msg) as { n: bigint; square: bigint };
      return reply.n !== BigInt(i) || reply.square !== BigInt(i) * BigInt(i);
    });
    t.equal(wrong.length, 0, 'every reply matched its request');
    t.ok(
      unansweredMax <= 256,
      `at most 256 requests reached the responder unanswered (saw ${unansweredMax})`,
    );
    t.equal(requester.inFlight, 0);
    t.equal(requester.waiting, 0);
  },
);

t.test(
  'a request with no reply times out with a typed error; a late reply is dropped',
  TEST_TIMEOUT,
  async (t) => {
    const held = await HeldResponder.subscribe(serviceNc, 'test.slow');
    const requester = new SharedInboxRequester(clientNc, { timeoutMs: 100 });
    t.teardown(() => requester.close());
    const error = await requester.request('test.slow', encodePayload('ping')).catch((e: unknown) => e);
    t.ok(error instanceof RequestTimeoutError);
    t.match(error, { code: 'NATS_ERR_REQUEST_TIMEOUT', subject: 'test.slow', timeoutMs: 100 });
    t.equal(requester.inFlight, 0, 'the timed-out request is forgotten');
    // The late answer arrives and is ignored; the requester still works.
    held.release();
    const echo = await HeldResponder.subscribe(serviceNc, 'test.after-timeout');
    const next = requester.request('test.after-timeout', encodePayload('again'));
    await eventually(() => echo.held.length === 1);
    echo.release();
    t.equal(numberOf(await next), 'again');
  },
);

t.test('a subject nobody answers fails at once with NoRespondersError', TEST_TIMEOUT, async (t) => {
  const requester = new SharedInboxRequester(clientNc, { timeoutMs: 10_000 });
  t.teardown(() => requester.close());
  const error = await requester.request('test.nobody.listens', encodePayload(1)).catch((e: unknown) => e);
  t.ok(error instanceof NoRespondersError);
  t.match(error, { code: 'NATS_ERR_NO_RESPONDERS', subject: 'test.nobody.listens' });
  t.equal(requester.inFlight, 0);
});

t.test(
  "with whenFull 'reject', a request beyond the in-flight bound is refused at once",
  TEST_TIMEOUT,
  async (t) => {
    const held = await HeldResponder.subscribe(serviceNc, 'test.held.reject');
    const requester = new SharedInboxRequester(clientNc, { inFlightMax: 4, whenFull: 'reject' });
    t.teardown(() => requester.close());
    const inBound = Array.from({ length: 4 }, (_, i) =>
      requester.request('test.held.reject', encodePayload(i)),
    );
    await eventually(() => held.received === 4);
    t.equal(requester.inFlight, 4);
    const refused = await requester.request('test.held.reject', encodePayload(4)).catch((e: unknown) => e);
    t.ok(refused instanceof InFlightFullError);
    t.match(refused, { code: 'NATS_ERR_IN_FLIGHT_FULL', inFlightMax: 4 });
    held.release();
    t.same((await Promise.all(inBound)).map(numberOf), [0, 1, 2, 3]);
    t.equal(held.received, 4, 'the refused request was never published');
  },
);

t.test("with whenFull 'wait', extra requests queue in order up to waitingMax", TEST_TIMEOUT, async (t) => {
  const held = await HeldResponder.subscribe(serviceNc, 'test.held.wait');
  const requester = new SharedInboxRequester(clientNc, { inFlightMax: 2, waitingMax: 2, whenFull: 'wait' });
  t.teardown(() => requester.close());
  const accepted = Array.from({ length: 4 }, (_, i) => requester.request('test.held.wait', encodePayload(i)));
  await t.rejects(requester.request('test.held.wait', encodePayload(4)), { code: 'NATS_ERR_IN_FLIGHT_FULL' });
  await eventually(() => held.received === 2);
  t.equal(requester.inFlight, 2);
  t.equal(requester.waiting, 2);
  // When one reply frees a slot, the oldest waiting request goes out.
  held.release(1);
  await eventually(() => held.received === 3);
  t.same(numberOf(held.held[held.held.length - 1] as Msg), 2, 'the oldest waiter was sent first');
  held.release(1);
  await eventually(() => held.received === 4);
  held.release();
  t.same((await Promise.all(accepted)).map(numberOf), [0, 1, 2, 3]);
});

t.test('a waiting request times out from the moment it was made', TEST_TIMEOUT, async (t) => {
  await HeldResponder.subscribe(serviceNc, 'test.held.never');
  const requester = new SharedInboxRequester(clientNc, { inFlightMax: 1, timeoutMs: 150 });
  t.teardown(() => requester.close());
  const inFlight = requester.request('test.held.never', encodePayload(0));
  const waiting = requester.request('test.held.never', encodePayload(1));
  t.equal(requester.waiting, 1);
  await t.rejects(inFlight, RequestTimeoutError);
  await t.rejects(waiting, RequestTimeoutError);
  t.equal(requester.waiting, 0);
});

t.test('close() rejects pending and waiting requests, and every later one', TEST_TIMEOUT, async (t) => {
  const held = await HeldResponder.subscribe(serviceNc, 'test.held.close');
  const requester = new SharedInboxRequester(clientNc, { inFlightMax: 1 });
  const pending = requester.request('test.held.close', encodePayload(0));
  const waiting = requester.request('test.held.close', encodePayload(1));
  await eventually(() => held.received === 1);
  requester.close();
  await t.rejects(pending, { name: 'RequesterClosedError', code: 'NATS_ERR_REQUESTER_CLOSED' });
  await t.rejects(waiting, RequesterClosedError);
  await t.rejects(requester.request('test.held.close', encodePayload(2)), RequesterClosedError);
  held.release(); // the reply to the abandoned request finds no subscription: nothing happens
  t.equal(requester.inFlight, 0);
});

t.test('a closing connection rejects the requests pending on it', TEST_TIMEOUT, async (t) => {
  const ownNc = await nats.connect('test-closing');
  const held = await HeldResponder.subscribe(serviceNc, 'test.held.connection');
  const requester = new SharedInboxRequester(ownNc, { timeoutMs: 10_000 });
  const pending = requester.request('test.held.connection', encodePayload(0));
  await eventually(() => held.received === 1);
  await ownNc.close();
  await t.rejects(pending, { code: 'NATS_ERR_REQUESTER_CLOSED', message: /connection closed/ });
  held.release();
});

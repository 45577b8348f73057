// An oversized payload never crosses the wire silently: the requester refuses it before publishing
// (against our limit and against the server's max_payload), and a responder that decodes at the edge
// answers one that got through with the typed error reply.
import t from 'tap';
import {
  decodeRequest,
  encodeReply,
  errorReply,
  okReply,
  PAYLOAD_BYTES_MAX,
  PayloadTooLargeError,
  requestWire,
  SharedInboxRequester,
  WIRE_ERROR_CODES,
} from '../src/index.js';
import { HeldResponder, startTestNats } from './fixtures/nats.js';

const TEST_TIMEOUT = { timeout: 30_000 };
const nats = await startTestNats();
t.teardown(() => nats.close());
const clientNc = await nats.connect('test-client');
const serviceNc = await nats.connect('test-service');

// Given an engine-like responder that decodes at the edge and answers typed errors.
serviceNc.subscribe('test.edge', {
  callback: (_error, msg) => {
    const request = decodeRequest(msg.data);
    msg.respond(encodeReply(request.ok ? okReply({ got: request.value }) : errorReply(request.error)));
  },
});
await serviceNc.flush();

t.test('the requester refuses a payload over its limit before publishing it', TEST_TIMEOUT, async (t) => {
  const held = await HeldResponder.subscribe(serviceNc, 'test.never.sent');
  const requester = new SharedInboxRequester(clientNc);
  t.teardown(() => requester.close());
  const error = await requester
    .request('test.never.sent', new Uint8Array(PAYLOAD_BYTES_MAX + 1))
    .catch((e: unknown) => e);
  t.ok(error instanceof PayloadTooLargeError);
  t.match(error, {
    code: 'WIRE_ERR_PAYLOAD_TOO_LARGE',
    payloadBytes: PAYLOAD_BYTES_MAX + 1,
    bytesMax: PAYLOAD_BYTES_MAX,
  });
  await clientNc.flush();
  await serviceNc.flush();
  t.equal(held.received, 0, 'nothing was published');
  t.equal(requester.inFlight, 0);
});

t.test('requestWire refuses a value that encodes over the limit', TEST_TIMEOUT, async (t) => {
  const requester = new SharedInboxRequester(clientNc);
  t.teardown(() => requester.close());
  await t.rejects(requestWire(requester, { subject: 'test.edge', value: 'z'.repeat(PAYLOAD_BYTES_MAX) }), {
    name: 'PayloadTooLargeError',
  });
  t.same(await requestWire(requester, { subject: 'test.edge', value: { amount: 1n << 100n } }), {
    ok: true,
    value: { got: { amount: 1n << 100n } },
  });
});

t.test(
  'oversized or malformed bytes that reach the edge get the typed error reply',
  TEST_TIMEOUT,
  async (t) => {
    // A client with a larger limit than the responder's sends what the responder will not decode.
    const requester = new SharedInboxRequester(clientNc, { payloadBytesMax: 4 * PAYLOAD_BYTES_MAX });
    t.teardown(() => requester.close());
    const reply = await requestWire(requester, {
      subject: 'test.edge',
      value: 'w'.repeat(2 * PAYLOAD_BYTES_MAX),
      bytesMax: 4 * PAYLOAD_BYTES_MAX,
    });
    t.match(reply, {
      ok: false,
      error: {
        code: WIRE_ERROR_CODES.payloadTooLarge,
        message: /exceeds the limit of 65536 bytes/,
        hint: /at most/,
      },
    });
    const malformed = await requester.request('test.edge', Uint8Array.of(0xc1));
    t.match(decodeRequest(malformed.data), {
      ok: true,
      value: { ok: false, error: { code: WIRE_ERROR_CODES.malformedPayload } },
    });
  },
);

t.test("the server's own max_payload is a limit too", TEST_TIMEOUT, async (t) => {
  const small = await startTestNats({ config: 'max_payload: 1024\n' });
  t.teardown(() => small.close());
  const nc = await small.connect('test-small');
  t.equal(nc.info?.max_payload, 1024, 'the config reached the server');
  const requester = new SharedInboxRequester(nc);
  t.teardown(() => requester.close());
  await t.rejects(requester.request('test.anything', new Uint8Array(2000)), {
    name: 'PayloadTooLargeError',
    bytesMax: 1024,
  });
});

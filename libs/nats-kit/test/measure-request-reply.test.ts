// The round-trip measurement runs both modes against a real server and an echo responder, counts
// only answered requests, and reports its run's parameters (the rates themselves are not asserted:
// they depend on the machine).
import t from 'tap';
import { measureRequestReplyRate } from '../src/index.js';
import { startTestNats } from './fixtures/nats.js';

const nats = await startTestNats();
t.teardown(() => nats.close());

for (const mode of ['request', 'shared-inbox'] as const) {
  t.test(`${mode}: round trips complete with no failures`, { timeout: 30_000 }, async (t) => {
    const rate = await measureRequestReplyRate({
      servers: nats.server.url,
      mode,
      inFlight: 64,
      seconds: 0.5,
      payloadBytes: 120,
    });
    t.comment(`${mode}: ${Math.round(rate.roundTripsPerSecond)} round trips/s (64 in flight, 120 B)`);
    t.match(rate, { mode, inFlight: 64, payloadBytes: 120, failures: 0 });
    t.ok(rate.roundTrips > 0, 'requests were answered');
    t.equal(rate.roundTripsPerSecond, rate.roundTrips / rate.elapsedSeconds);
  });
}

t.test('invalid options are refused before anything starts', async (t) => {
  const servers = nats.server.url;
  await t.rejects(
    measureRequestReplyRate({ servers, mode: 'request', inFlight: 0, seconds: 1, payloadBytes: 1 }),
    RangeError,
  );
  await t.rejects(
    measureRequestReplyRate({ servers, mode: 'request', inFlight: 1, seconds: 0, payloadBytes: 1 }),
    RangeError,
  );
  await t.rejects(
    measureRequestReplyRate({ servers, mode: 'request', inFlight: 1, seconds: 1, payloadBytes: -1 }),
    RangeError,
  );
});

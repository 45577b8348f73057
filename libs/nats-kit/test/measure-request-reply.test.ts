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
    const window: { edge: string; atMs: number }[] = [];
    const rate = await measureRequestReplyRate({
      servers: nats.server.url,
      mode,
      inFlight: 64,
      seconds: 0.5,
      payloadBytes: 120,
      onWindow: (edge) => window.push({ edge, atMs: performance.now() }),
    });
    t.comment(`${mode}: ${Math.round(rate.roundTripsPerSecond)} round trips/s (64 in flight, 120 B)`);
    t.match(rate, { mode, inFlight: 64, payloadBytes: 120, failures: 0 });
    t.ok(rate.roundTrips > 0, 'requests were answered');
    t.equal(rate.roundTripsPerSecond, rate.roundTrips / rate.elapsedSeconds);
    // The window is told as it opens and closes, around the time the rate is measured over.
    t.same(
      window.map(({ edge }) => edge),
      ['start', 'end'],
    );
    const [opened, closed] = window;
    t.ok(
      opened !== undefined && closed !== undefined && closed.atMs - opened.atMs >= rate.elapsedSeconds * 1000,
      'the window spans the measured time',
    );
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

/**
 * The machine's raw request/reply limit, measured the way the engine is driven: `inFlight` requests
 * kept outstanding against an echo responder, either with nats.js `request()` or with the shared
 * inbox. The engine benchmark reports its own rate as a ratio of this one (DESIGN "Numbers").
 */
import { nuid, type NatsConnection } from '@nats-io/transport-node';
import { closeNats, connectNats } from './connection.js';
import { startEchoResponder } from './echo-responder.js';
import { REQUEST_TIMEOUT_MS, SharedInboxRequester } from './shared-inbox-requester.js';

/** The first part of a run warms up the JIT and the sockets and is not counted. */
export const MEASURE_WARMUP_SECONDS_MAX = 1;

export type RequestMode = 'request' | 'shared-inbox';

export interface MeasureRequestReplyOptions {
  readonly servers: string;
  readonly mode: RequestMode;
  readonly inFlight: number;
  readonly seconds: number;
  readonly payloadBytes: number;
  /** Called as the measured window (after the warm-up) opens and as it closes, e.g. to read CPU time. */
  readonly onWindow?: (edge: 'start' | 'end') => void;
}

export interface RequestReplyRate {
  readonly mode: RequestMode;
  readonly inFlight: number;
  readonly payloadBytes: number;
  readonly roundTrips: number;
  readonly elapsedSeconds: number;
  readonly roundTripsPerSecond: number;
  /** Requests that failed (timeouts, ...): a healthy run has none. */
  readonly failures: number;
}

export async function measureRequestReplyRate(
  options: MeasureRequestReplyOptions,
): Promise<RequestReplyRate> {
  assertOptions(options);
  const subject = `bench.echo.${nuid.next()}`;
  const responder = await startEchoResponder({ servers: options.servers, subject });
  try {
    const nc = await connectNats({ servers: options.servers, name: 'nats-kit-measure', reconnect: false });
    try {
      return await driveRequests(nc, subject, options);
    } finally {
      await closeNats(nc);
    }
  } finally {
    await responder.stop();
  }
}

async function driveRequests(
  nc: NatsConnection,
  subject: string,
  options: MeasureRequestReplyOptions,
): Promise<RequestReplyRate> {
  const payload = new Uint8Array(options.payloadBytes).fill(0x61);
  const requester =
    options.mode === 'shared-inbox'
      ? new SharedInboxRequester(nc, { inFlightMax: options.inFlight, whenFull: 'reject' })
      : undefined;
  const send =
    requester === undefined
      ? () => nc.request(subject, payload, { timeout: REQUEST_TIMEOUT_MS })
      : () => requester.request(subject, payload);
  const counts = { completed: 0, failures: 0, running: true };
  const loop = async (): Promise<void> => {
    while (counts.running) {
      try {
        await send();
        counts.completed++;
      } catch {
        counts.failures++;
      }
    }
  };
  const loops = Array.from({ length: options.inFlight }, loop);
  const warmupSeconds = Math.min(MEASURE_WARMUP_SECONDS_MAX, options.seconds / 5);
  await sleep(warmupSeconds * 1000);
  options.onWindow?.('start');
  const startMs = performance.now();
  const startCompleted = counts.completed;
  const startFailures = counts.failures;
  await sleep(options.seconds * 1000);
  const elapsedSeconds = (performance.now() - startMs) / 1000;
  const roundTrips = counts.completed - startCompleted;
  const failures = counts.failures - startFailures;
  options.onWindow?.('end');
  counts.running = false;
  // Every loop ends within one request timeout: each in-flight request is answered or times out.
  await Promise.all(loops);
  requester?.close();
  return {
    mode: options.mode,
    inFlight: options.inFlight,
    payloadBytes: options.payloadBytes,
    roundTrips,
    elapsedSeconds,
    roundTripsPerSecond: roundTrips / elapsedSeconds,
    failures,
  };
}

function assertOptions(options: MeasureRequestReplyOptions): void {
  if (!Number.isSafeInteger(options.inFlight) || options.inFlight < 1)
    throw new RangeError(
      `measureRequestReplyRate: inFlight must be a positive integer, got ${options.inFlight}`,
    );
  if (!(options.seconds > 0))
    throw new RangeError(`measureRequestReplyRate: seconds must be positive, got ${options.seconds}`);
  if (!Number.isSafeInteger(options.payloadBytes) || options.payloadBytes < 0)
    throw new RangeError(`measureRequestReplyRate: payloadBytes must be ≥ 0, got ${options.payloadBytes}`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

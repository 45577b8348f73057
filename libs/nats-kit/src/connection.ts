/**
 * Connecting and disconnecting with every option that matters spelled out, and bounded in time.
 */
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { withTimeout } from './timeout.js';

/** How long `connect` may take before it fails (nats.js' own default is 20 s). */
export const CONNECT_TIMEOUT_MS = 5_000;
/** How long a graceful drain may take before the connection is closed hard. */
export const DRAIN_TIMEOUT_MS = 5_000;
/** Reconnect attempts per server after a disconnect, `RECONNECT_WAIT_MS` apart (about a minute). */
export const RECONNECT_ATTEMPTS_MAX = 30;
export const RECONNECT_WAIT_MS = 2_000;

export interface ConnectNatsOptions {
  readonly servers: string | readonly string[];
  /** Shown by the server's monitoring (`connz`): name the service, e.g. `market-engine`. */
  readonly name: string;
  readonly connectTimeoutMs?: number;
  /** False for tests and tools that should fail fast when the server goes away. */
  readonly reconnect?: boolean;
  /** User and password of a server that authenticates (deploy/nats: each role its own user). */
  readonly auth?: NatsUserAuth;
}

export interface NatsUserAuth {
  readonly user: string;
  readonly pass: string;
}

export async function connectNats(options: ConnectNatsOptions): Promise<NatsConnection> {
  const connectTimeoutMs = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  const connecting = connect({
    servers: typeof options.servers === 'string' ? options.servers : [...options.servers],
    name: options.name,
    ...(options.auth === undefined ? {} : { user: options.auth.user, pass: options.auth.pass }),
    timeout: connectTimeoutMs,
    reconnect: options.reconnect ?? true,
    maxReconnectAttempts: RECONNECT_ATTEMPTS_MAX,
    reconnectTimeWait: RECONNECT_WAIT_MS,
    waitOnFirstConnect: false,
    // nats.js builds an Error per request to keep the caller's stack for a later failure; that is a
    // large share of request()'s cost and our own requester reports its failures itself.
    noAsyncTraces: true,
  });
  // nats.js applies `timeout` to the handshake; this outer bound also covers DNS and TCP connect.
  return withTimeout(connecting, { timeoutMs: connectTimeoutMs + 1_000, operation: 'connecting to NATS' });
}

/**
 * Drains (flushes what was published, lets subscriptions finish what they received) and closes; if
 * the drain fails or does not finish in time, closes at once. Always leaves the connection closed;
 * `drained` says whether the graceful path made it.
 */
export async function closeNats(
  nc: NatsConnection,
  options: { readonly drainTimeoutMs?: number } = {},
): Promise<{ drained: boolean }> {
  if (nc.isClosed()) return { drained: true };
  const drainTimeoutMs = options.drainTimeoutMs ?? DRAIN_TIMEOUT_MS;
  let drained = false;
  try {
    if (!nc.isDraining()) {
      await withTimeout(nc.drain(), { timeoutMs: drainTimeoutMs, operation: 'draining NATS' });
      drained = true;
    }
  } catch {
    // A drain that fails or hangs changes nothing for the caller: the close below still ends it.
  }
  if (!nc.isClosed()) await withTimeout(nc.close(), { timeoutMs: drainTimeoutMs, operation: 'closing NATS' });
  return { drained };
}

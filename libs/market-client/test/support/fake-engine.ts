/**
 * Test support: a real nats-server on loopback and a fake engine on the protocol's subjects that
 * answers each request kind with what the test sets, and records what it received (subject and
 * decoded payload). Replies are encoded exactly as the engine encodes them (nats-kit's codec).
 */
import type { Msg, NatsConnection } from '@nats-io/transport-node';
import {
  closeNats,
  connectNats,
  decodePayload,
  encodePayload,
  encodeReply,
  oracleActionPattern,
  startNatsServer,
  SUBJECTS,
  type NatsServerHandle,
  type WireReply,
} from '@marketnode/nats-kit';

export interface Received {
  readonly subject: string;
  readonly payload: unknown;
}

/** Answers a request; `undefined` holds it unanswered (to provoke a timeout). */
export type Answerer = (received: Received) => WireReply<unknown> | undefined;

export class FakeEngine {
  readonly received: Received[] = [];
  answer: Answerer = () => ({
    ok: false,
    error: { code: 'TEST_ERR_UNSET', message: 'no answer set', hint: '' },
  });

  private constructor(
    readonly server: NatsServerHandle,
    readonly nc: NatsConnection,
  ) {}

  static async start(): Promise<FakeEngine> {
    const server = await startNatsServer();
    try {
      const nc = await connectNats({ servers: server.url, name: 'fake-engine', reconnect: false });
      const engine = new FakeEngine(server, nc);
      for (const subject of [SUBJECTS.swaps, SUBJECTS.swapSends, SUBJECTS.queries])
        nc.subscribe(subject, { callback: (_error, msg) => engine.onRequest(msg) });
      for (const action of ['delegate', 'prevote', 'vote'] as const)
        nc.subscribe(oracleActionPattern(action), {
          callback: (_error, msg) => void engine.record(msg),
        });
      await nc.flush();
      return engine;
    } catch (error) {
      await server.stop();
      throw error;
    }
  }

  get url(): string {
    return this.server.url;
  }

  /** Publishes `value` (nats-kit codec) as the engine would. */
  async publish(subject: string, value: unknown): Promise<void> {
    this.nc.publish(subject, encodePayload(value));
    await this.nc.flush();
  }

  async publishRaw(subject: string, bytes: Uint8Array): Promise<void> {
    this.nc.publish(subject, bytes);
    await this.nc.flush();
  }

  async stop(): Promise<void> {
    try {
      await closeNats(this.nc, { drainTimeoutMs: 2_000 });
    } finally {
      await this.server.stop();
    }
  }

  private record(msg: Msg): Received {
    const decoded = decodePayload(msg.data);
    const received = { subject: msg.subject, payload: decoded.ok ? decoded.value : undefined };
    this.received.push(received);
    return received;
  }

  private onRequest(msg: Msg): void {
    const reply = this.answer(this.record(msg));
    if (reply !== undefined) msg.respond(encodeReply(reply));
  }
}

/** Resolves once `condition` holds; rejects after `timeoutMs` (every await in a test is bounded). */
export async function eventually(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

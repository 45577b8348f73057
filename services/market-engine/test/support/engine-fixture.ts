/**
 * A real engine for integration tests: a nats-server on a free loopback port, the engine in this
 * process on an LMDB log in a temp folder, the bundled demo genesis, and a raw NATS client.
 * Blocks end only on request (`--external-ticks`), so tests decide when blocks happen.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  closeNats,
  connectNats,
  decodeReply,
  encodePayload,
  startNatsServer,
  type NatsServerHandle,
  type WireReply,
} from '@marketnode/nats-kit';
import type { NatsConnection } from '@nats-io/transport-node';
import { pino } from 'pino';
import { runEngine, type RunningEngine } from '../../src/engine/run-engine.js';

export const DEMO_GENESIS = fileURLToPath(new URL('../../genesis/demo.json', import.meta.url));
const REQUEST_TIMEOUT_MS = 10_000;

export interface EngineFixture {
  readonly nats: NatsServerHandle;
  readonly dataDir: string;
  engine: RunningEngine;
  readonly client: NatsConnection;
  request(subject: string, value: unknown): Promise<WireReply<unknown>>;
  requestRaw(subject: string, bytes: Uint8Array): Promise<WireReply<unknown>>;
  /** The reply's bytes as sent, undecoded (retries must get the very same bytes). */
  replyBytes(subject: string, value: unknown): Promise<Uint8Array>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** `genesisPath`: another genesis than the demo one (short vote periods and slash windows for tests). */
export async function startEngineFixture(
  options: { readonly genesisPath?: string } = {},
): Promise<EngineFixture> {
  const nats = await startNatsServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'engine-test-'));
  const start = () =>
    runEngine({
      dataDir,
      genesisPath: options.genesisPath ?? DEMO_GENESIS,
      natsUrl: nats.url,
      externalTicks: true,
      logger: pino({ level: 'silent' }),
    });
  const client = await connectNats({ servers: nats.url, name: 'engine-test-client' });
  const fixture: EngineFixture = {
    nats,
    dataDir,
    engine: await start(),
    client,
    async requestRaw(subject, bytes) {
      const msg = await client.request(subject, bytes, { timeout: REQUEST_TIMEOUT_MS });
      return decodeReply(msg.data);
    },
    async request(subject, value) {
      return fixture.requestRaw(subject, encodePayload(value));
    },
    async replyBytes(subject, value) {
      const msg = await client.request(subject, encodePayload(value), { timeout: REQUEST_TIMEOUT_MS });
      return msg.data;
    },
    async restart() {
      await fixture.engine.stop();
      fixture.engine = await start();
    },
    async close() {
      await fixture.engine.stop().catch(() => undefined);
      await closeNats(client);
      await nats.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return fixture;
}

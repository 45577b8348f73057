/**
 * Starts the committed stream's thread (committed-publisher-thread.ts) and gives the port it
 * listens on to the log's appender, which tells it of every durable batch. Closing waits for it to
 * publish what it was told and to close its connection.
 */
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import type { NatsUserAuth } from '@marketnode/nats-kit';

export const PUBLISHER_START_TIMEOUT_MS = 30_000;
export const PUBLISHER_CLOSE_TIMEOUT_MS = 10_000;

/** Plain CommonJS, which registers tsx and loads the TypeScript entry (as the log's appender does). */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then(({ register }) => { register(); return import(workerData.entry); });
`;

export interface CommittedPublisher {
  /** Give this to `startOffThreadAppender({ durablePort })`. */
  readonly durablePort: MessagePort;
  /** After the appender closed: publishes what is left, closes the connection, ends the thread. */
  close(): Promise<void>;
  /** Rejects if the thread dies while running (the engine treats it as fatal). */
  readonly failed: Promise<never>;
}

type PublisherReply = { kind: 'ready' } | { kind: 'closed' } | { kind: 'startFailed'; message: string };

export async function startCommittedPublisher(options: {
  readonly natsUrl: string;
  readonly natsAuth: NatsUserAuth | undefined;
}): Promise<CommittedPublisher> {
  const channel = new MessageChannel();
  const worker = new Worker(BOOTSTRAP, {
    eval: true,
    execArgv: [],
    workerData: {
      natsUrl: options.natsUrl,
      natsAuth: options.natsAuth,
      durablePort: channel.port2,
      tsxApi: import.meta.resolve('tsx/esm/api'),
      entry: new URL('./committed-publisher-thread.ts', import.meta.url).href,
    },
    transferList: [channel.port2],
  });
  let closing = false;
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  const failed = new Promise<never>((_, reject) => {
    worker.once('error', reject);
    void exited.then((code) => {
      if (!closing) reject(new Error(`the committed stream's thread exited (${code})`));
    });
  });
  failed.catch(() => undefined);
  const closed = new Promise<void>((resolve) => {
    worker.on('message', (reply: PublisherReply) => {
      if (reply.kind === 'closed') resolve();
    });
  });
  try {
    await startedOrFailed(worker, failed);
  } catch (error) {
    closing = true;
    await worker.terminate();
    throw error;
  }
  return {
    durablePort: channel.port1,
    failed,
    async close() {
      if (closing) return;
      closing = true;
      worker.postMessage('close');
      const timer = setTimeout(() => void worker.terminate(), PUBLISHER_CLOSE_TIMEOUT_MS);
      await Promise.race([closed, exited]);
      await exited;
      clearTimeout(timer);
    },
  };
}

function startedOrFailed(worker: Worker, failed: Promise<never>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new Error(`the committed stream's thread did not start in ${PUBLISHER_START_TIMEOUT_MS} ms`)),
      PUBLISHER_START_TIMEOUT_MS,
    );
    const settle = (error?: Error): void => {
      clearTimeout(timer);
      if (error === undefined) resolve();
      else reject(error);
    };
    worker.on('message', (reply: PublisherReply) => {
      if (reply.kind === 'ready') settle();
      if (reply.kind === 'startFailed') settle(new Error(`the committed stream's thread: ${reply.message}`));
    });
    failed.catch((error: unknown) => settle(error instanceof Error ? error : new Error(String(error))));
  });
}

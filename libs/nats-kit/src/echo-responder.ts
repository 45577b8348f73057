/**
 * The trivial responder the round-trip measurement talks to: it answers every request with its own
 * payload. It runs in a worker thread so that, as with the real engine, answering does not take CPU
 * from the event loop that sends the requests (this machine has two cores).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { OperationTimeoutError } from './errors.js';
import { withTimeout } from './timeout.js';

export const ECHO_START_TIMEOUT_MS = 10_000;
export const ECHO_STOP_TIMEOUT_MS = 5_000;

// Plain CommonJS run with `eval`, so the worker needs no TypeScript loader; it requires nats.js by
// the absolute path resolved here, which works whatever the current directory is.
const ECHO_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { connect } = require(workerData.natsPath);
connect({ servers: workerData.servers, name: 'nats-kit-echo', timeout: workerData.connectTimeoutMs })
  .then(async (nc) => {
    const fixed = workerData.reply;
    nc.subscribe(workerData.subject, { callback: (error, msg) => { if (!error) msg.respond(fixed ?? msg.data); } });
    await nc.flush();
    parentPort.once('message', () => { nc.close().finally(() => parentPort.close()); });
    parentPort.postMessage({ ready: true });
  })
  .catch((error) => parentPort.postMessage({ ready: false, message: String(error && error.message) }));
`;

export interface EchoResponder {
  stop(): Promise<void>;
}

/**
 * `reply`: answer every request with these bytes instead of its own payload (the latency floor of
 * `bench:engine`: a responder that does no work but sends replies of the engine's size).
 */
export async function startEchoResponder(options: {
  readonly servers: string;
  readonly subject: string;
  readonly reply?: Uint8Array;
}): Promise<EchoResponder> {
  const natsPath = createRequire(import.meta.url).resolve('@nats-io/transport-node');
  const worker = new Worker(ECHO_WORKER_SOURCE, {
    eval: true,
    execArgv: [],
    workerData: {
      natsPath,
      servers: options.servers,
      subject: options.subject,
      reply: options.reply,
      connectTimeoutMs: 5_000,
    },
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    worker.postMessage('stop');
    try {
      await withTimeout(exited, { timeoutMs: ECHO_STOP_TIMEOUT_MS, operation: 'echo responder stop' });
    } catch (error) {
      if (!(error instanceof OperationTimeoutError)) throw error;
      await worker.terminate();
    }
  };
  const started = new Promise<void>((resolve, reject) => {
    worker.once('message', (message: { ready: boolean; message?: string }) =>
      message.ready ? resolve() : reject(new Error(`echo responder failed: ${message.message}`)),
    );
    worker.once('error', reject);
  });
  try {
    await withTimeout(started, { timeoutMs: ECHO_START_TIMEOUT_MS, operation: 'echo responder start' });
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  return { stop };
}

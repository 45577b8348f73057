/**
 * The appender's thread: chains each batch after its tip and writes it in one synchronous, durable
 * LMDB transaction (the same steps as LogWriter.appendBatch, from chained-batch.ts), then answers
 * with the stored envelopes. It runs nothing else, so a transaction never waits for a busy event
 * loop, and the engine's thread spends no time on envelopes, hashes or puts.
 *
 * The first failure is final, as in the LogWriter: every later batch is refused, the engine stops,
 * and recovery starts from what is on disk.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type Tip, appendChainedBatch } from '../chained-batch.js';
import type { NewEntry } from '../entry-envelope.js';
import { openLogEnvironment } from '../lmdb-environment.js';
import type { AppendHandOver } from '../log-writer.js';
import { explainWriteFailure } from '../write-failure.js';
import {
  type AppendRequest,
  type AppenderReply,
  type AppenderRequest,
  packedPart,
  threadError,
} from './append-messages.js';

const port = parentPort;
if (port === null) throw new Error('append-thread runs as a worker thread');
const handOver = (workerData as { handOver: AppendHandOver }).handOver;
const send = (reply: AppenderReply, transfer: ArrayBuffer[] = []): void => port.postMessage(reply, transfer);

let env: ReturnType<typeof openLogEnvironment>;
try {
  env = openLogEnvironment({ path: handOver.path, readOnly: false });
} catch (error) {
  send({ kind: 'startFailed', error: threadError(error) });
  throw error;
}
let tip: Tip = handOver.tip;
let failure: unknown;

port.on('message', (request: AppenderRequest) => {
  if (request.kind === 'close') {
    void env.root.close().finally(() => {
      send({ kind: 'closed' });
      port.close();
    });
    return;
  }
  if (failure !== undefined) {
    send({ kind: 'failed', id: request.id, error: threadError(failure) });
    return;
  }
  try {
    send(...append(request));
  } catch (error) {
    failure = explainWriteFailure(handOver.path, error);
    send({ kind: 'failed', id: request.id, error: threadError(failure) });
  }
});
send({ kind: 'ready' });

function append(request: AppendRequest): [AppenderReply, ArrayBuffer[]] {
  const chained = appendChainedBatch(env, {
    epoch: handOver.epoch,
    tip,
    newEntries: entriesOf(request),
    snapshotBytes: request.snapshot,
    snapshotsRetained: handOver.snapshotsRetained,
  });
  tip = chained.tip;
  const first = chained.entries[0];
  if (first === undefined) throw new Error('assertion failed: an append has at least one entry');
  const { bytes, ends } = chained;
  const reply: AppenderReply = {
    kind: 'appended',
    id: request.id,
    firstSeq: first.seq,
    envelopeEnds: ends,
    envelopes: bytes,
  };
  // The batch's envelopes were written into one buffer of their own: it goes back as it is.
  return [reply, [bytes.buffer as ArrayBuffer, ends.buffer as ArrayBuffer]];
}

function entriesOf(request: AppendRequest): NewEntry[] {
  const entries: NewEntry[] = [];
  let stateHashIndex = 0;
  for (let i = 0; i < request.heights.length; i += 1) {
    const body = packedPart(request.bodies, request.bodyEnds, i);
    const height = request.heights[i] as bigint;
    if (request.hasStateHash[i] === 1) {
      const stateHash = request.stateHashes.subarray(stateHashIndex * 32, stateHashIndex * 32 + 32);
      stateHashIndex += 1;
      entries.push({ height, body, stateHash });
    } else {
      entries.push({ height, body });
    }
  }
  return entries;
}

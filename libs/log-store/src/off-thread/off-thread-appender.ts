/**
 * Appends on a thread of their own. The engine's event loop is its bottleneck; chaining a batch
 * (envelopes and a SHA-256 per entry) and writing it (an LMDB transaction whose callback, in
 * lmdb-js's asynchronous transactions, waits for that busy loop, then a second wait for the commit's
 * resolution) cost it about a tenth of its time per swap and several milliseconds of latency per
 * batch. Here the loop only packs the batch's bodies into one buffer and posts it; the thread
 * (append-thread.ts) chains and writes it in one synchronous, durable transaction and posts the
 * stored envelopes back.
 *
 * The contract is LogWriter.appendBatch's: batches are appended in call order, each atomically;
 * the promise resolves with the entries as stored once they are durable; the first failure stops
 * every later append (LogWriterFailedError). The LogWriter keeps the
 * lock, the reads and the close; it hands appending over (`handOverAppends`) so it never appends
 * itself again.
 */
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { assertBatchSize } from '../chained-batch.js';
import type { AppendedEntry, NewEntry } from '../entry-envelope.js';
import { LogAppendThreadError, LogClosedError, LogWriterFailedError } from '../errors.js';
import { HASH_BYTES } from '../limits.js';
import type { AppendOptions, LogWriter } from '../log-writer.js';
import {
  type AppendDone,
  type AppenderReply,
  type AppendRequest,
  type ThreadError,
  packBytes,
  packedPart,
} from './append-messages.js';

/** Loading TypeScript in a fresh thread (tsx) and opening the environment takes a moment. */
export const APPENDER_START_TIMEOUT_MS = 30_000;
export const APPENDER_CLOSE_TIMEOUT_MS = 10_000;

/** What the engine's loop appends through: a LogWriter or an OffThreadAppender. */
export interface BatchAppender {
  /** The last seq appended (committed or in flight). */
  readonly lastSeq: bigint;
  appendBatch(newEntries: readonly NewEntry[], options?: AppendOptions): Promise<AppendedEntry[]>;
}

/** The thread's bootstrap: plain CommonJS, which registers tsx and loads the TypeScript entry. */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then(({ register }) => { register(); return import(workerData.entry); });
`;

interface Pending {
  readonly newEntries: readonly NewEntry[];
  readonly resolve: (entries: AppendedEntry[]) => void;
  readonly reject: (error: Error) => void;
}

/** An append in flight, and its promise (close waits for it). */
interface InFlight {
  readonly pending: Pending;
  readonly done: Promise<AppendedEntry[]>;
}

export async function startOffThreadAppender(writer: LogWriter): Promise<OffThreadAppender> {
  const { handOver, appended } = writer.handOverAppends();
  const worker = new Worker(BOOTSTRAP, {
    eval: true,
    // The thread loads what it needs itself; the parent's flags (a loader, a profiler) stay here.
    execArgv: [],
    workerData: {
      handOver,
      tsxApi: import.meta.resolve('tsx/esm/api'),
      entry: new URL('./append-thread.ts', import.meta.url).href,
    },
  });
  const appender = new OffThreadAppender(worker, {
    path: handOver.path,
    tip: handOver.tip,
    appended,
  });
  try {
    await appender.started;
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  return appender;
}

export class OffThreadAppender implements BatchAppender {
  readonly started: Promise<void>;
  private nextId = 0;
  private readonly pending = new Map<number, InFlight>();
  private failure: Error | undefined;
  private closed = false;
  private lastSeqValue: bigint;
  /** The hash of the last entry the thread confirmed: the prevHash of the next batch's first. */
  private lastHash: Uint8Array;
  private readonly exited: Promise<void>;
  private closedByRequest: (() => void) | undefined;

  /** Use startOffThreadAppender. */
  constructor(
    private readonly worker: Worker,
    private readonly context: {
      readonly path: string;
      readonly tip: { readonly seq: bigint; readonly hash: Uint8Array };
      readonly appended: () => void;
    },
  ) {
    this.lastSeqValue = context.tip.seq;
    this.lastHash = context.tip.hash;
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    this.started = new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new LogAppendThreadError(context.path, `did not start in ${APPENDER_START_TIMEOUT_MS} ms`)),
        APPENDER_START_TIMEOUT_MS,
      );
      worker.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
        this.fail(error);
      });
      worker.on('message', (reply: AppenderReply) => {
        if (reply.kind === 'ready') {
          clearTimeout(timer);
          resolve();
        } else if (reply.kind === 'startFailed') {
          clearTimeout(timer);
          reject(new AppendThreadError(reply.error));
        } else {
          this.onReply(reply);
        }
      });
      void this.exited.then(() => {
        clearTimeout(timer);
        reject(new LogAppendThreadError(context.path, 'exited before it started'));
        if (!this.closed) this.fail(new LogAppendThreadError(context.path, 'exited'));
      });
    });
  }

  get lastSeq(): bigint {
    return this.lastSeqValue;
  }

  appendBatch(newEntries: readonly NewEntry[], options: AppendOptions = {}): Promise<AppendedEntry[]> {
    if (this.closed) return Promise.reject(new LogClosedError(this.context.path));
    if (this.failure !== undefined)
      return Promise.reject(new LogWriterFailedError(this.context.path, this.failure));
    assertBatchSize(newEntries);
    const request = packRequest(this.nextId++, newEntries, options);
    const transfer = [request.bodies.buffer, request.bodyEnds.buffer, request.heights.buffer];
    // The executor runs at once, so `pending` is set before it is read.
    let pending!: Pending;
    const done = new Promise<AppendedEntry[]>((resolve, reject) => {
      pending = { newEntries, resolve, reject };
    });
    this.pending.set(request.id, { pending, done });
    this.worker.postMessage(request, transfer as ArrayBuffer[]);
    this.lastSeqValue += BigInt(newEntries.length);
    return done;
  }

  /** Waits for the appends in flight, then stops the thread. The writer is closed by its owner. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.pending.values()].map((inFlight) => inFlight.done));
    const closedReply = new Promise<void>((resolve) => {
      this.closedByRequest = resolve;
    });
    this.worker.postMessage({ kind: 'close' });
    const timer = setTimeout(() => void this.worker.terminate(), APPENDER_CLOSE_TIMEOUT_MS);
    await Promise.race([closedReply, this.exited]);
    await this.exited;
    clearTimeout(timer);
  }

  private onReply(reply: AppenderReply): void {
    if (reply.kind === 'closed') {
      this.closedByRequest?.();
      return;
    }
    if (reply.kind !== 'appended' && reply.kind !== 'failed') return;
    const pending = this.pending.get(reply.id)?.pending;
    assert.ok(pending !== undefined, `the append thread answered an unknown batch ${reply.id}`);
    this.pending.delete(reply.id);
    if (reply.kind === 'failed') {
      const error = new AppendThreadError(reply.error);
      this.fail(error);
      pending.reject(error);
      return;
    }
    const entries = appendedEntries(reply, pending.newEntries, this.lastHash);
    this.lastHash = (entries[entries.length - 1] as AppendedEntry).hash;
    this.context.appended();
    pending.resolve(entries);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const [id, inFlight] of this.pending) {
      this.pending.delete(id);
      inFlight.pending.reject(new LogWriterFailedError(this.context.path, error));
    }
  }
}

function packRequest(id: number, newEntries: readonly NewEntry[], options: AppendOptions): AppendRequest {
  const { bytes, ends } = packBytes(newEntries.map((entry) => entry.body));
  const heights = new BigUint64Array(newEntries.length);
  const hasStateHash = new Uint8Array(newEntries.length);
  const stateHashParts: Uint8Array[] = [];
  newEntries.forEach((entry, i) => {
    heights[i] = entry.height;
    if (entry.stateHash !== undefined) {
      hasStateHash[i] = 1;
      stateHashParts.push(entry.stateHash);
    }
  });
  return {
    kind: 'append',
    id,
    heights,
    bodyEnds: ends,
    bodies: bytes,
    hasStateHash,
    stateHashes: packBytes(stateHashParts).bytes,
    snapshot: options.snapshot?.bytes,
  };
}

/** The entries as stored: views into the envelopes the thread sent, with what the caller gave. */
function appendedEntries(
  reply: AppendDone,
  newEntries: readonly NewEntry[],
  prevHashOfFirst: Uint8Array,
): AppendedEntry[] {
  assert.equal(reply.envelopeEnds.length, newEntries.length, 'the thread stored every entry of the batch');
  const entries: AppendedEntry[] = [];
  let prevHash = prevHashOfFirst;
  for (let i = 0; i < newEntries.length; i += 1) {
    const { height, body, stateHash } = newEntries[i] as NewEntry;
    const bytes = packedPart(reply.envelopes, reply.envelopeEnds, i);
    // A stored envelope ends with its hash (sealed-record.ts).
    const hash = bytes.subarray(bytes.length - HASH_BYTES);
    const seq = reply.firstSeq + BigInt(i);
    entries.push(
      stateHash === undefined
        ? { seq, height, prevHash, body, hash, bytes }
        : { seq, height, prevHash, stateHash, body, hash, bytes },
    );
    prevHash = hash;
  }
  return entries;
}

/** The thread's error on this side: the same name, code and message (its class stays there). */
export class AppendThreadError extends Error {
  override readonly name: string;
  readonly code: string | undefined;
  constructor(error: ThreadError) {
    super(error.message);
    this.name = error.name;
    this.code = error.code;
  }
}

/**
 * The single writer's loop: drain up to BATCH_COMMANDS_MAX items, apply them synchronously, append
 * the batch as one durable LMDB transaction, then reply and publish. Up to APPENDS_IN_FLIGHT_MAX
 * batches may be committing at once: the next batch is applied while the previous one syncs, and
 * each batch's replies wait for its own durability (appends resolve in order). A failed append is
 * fatal: the writer refuses everything after it, so the process stops and recovery replays the log.
 */
import {
  encodePayload,
  oracleResultSubject,
  packCommittedEntries,
  SUBJECTS,
  encodeReply,
  errorReply,
  okReply,
} from '@marketnode/nats-kit';
import type { NatsConnection } from '@nats-io/transport-node';
import { eventToWire } from '@marketnode/events';
import type { AppendedEntry, BatchAppender } from '@marketnode/log-store';
import { BoundedInbox } from '../inbox.js';
import { applyBatch, hex, wireError, type AppliedBatch, type BatchContext } from './apply-batch.js';
import type { WorkItem } from './work-item.js';

export const BATCH_COMMANDS_MAX = 2_000;
export const APPENDS_IN_FLIGHT_MAX = 2;

/** Told about each batch (metrics, health); must not throw. */
export interface LoopObserver {
  /** A batch of `commands` drained items was applied (before its append). */
  batchApplied(commands: number): void;
  /** A batch's entries are durable; `commitSeconds` from the append's start. */
  batchCommitted(appended: readonly AppendedEntry[], commitSeconds: number): void;
}

export interface EngineLoopOptions {
  readonly context: BatchContext;
  /** The log's appender (the engine's runs on its own thread: OffThreadAppender). */
  readonly appender: BatchAppender;
  readonly inbox: BoundedInbox<WorkItem>;
  readonly nc: NatsConnection;
  readonly onFatal: (error: unknown) => void;
  readonly observer?: LoopObserver;
}

export class EngineLoop {
  private tickDue = false;
  private stopping = false;
  private carry: WorkItem[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  /** The last append posted: appends resolve in order, so once it is durable every earlier one is. */
  private lastAppend: Promise<unknown> = Promise.resolve();
  private failed = false;
  lastSeq: bigint;

  constructor(private readonly options: EngineLoopOptions) {
    this.lastSeq = options.appender.lastSeq;
  }

  get height(): bigint {
    return this.options.context.height;
  }

  /** The clock says a block is due: it ends after the items already queued. */
  requestTick(): void {
    this.tickDue = true;
    this.options.inbox.wake();
  }

  /** Finish what is queued, then return from `run`. */
  stop(): void {
    this.stopping = true;
    this.options.inbox.wake();
  }

  async run(): Promise<void> {
    const { inbox } = this.options;
    for (;;) {
      if (this.carry.length === 0 && inbox.size === 0 && !this.tickDue) {
        if (this.stopping) break;
        await inbox.whenReady();
        continue;
      }
      const room = BATCH_COMMANDS_MAX - this.carry.length;
      const items = this.carry.concat(room > 0 ? inbox.drain(room) : []);
      const batch = applyBatch(this.options.context, items, this.tickDue);
      this.options.observer?.batchApplied(items.length);
      this.carry = batch.carry;
      if (batch.tickApplied) this.tickDue = false;
      await this.commit(batch);
    }
    await Promise.all(this.inFlight);
  }

  private async commit(batch: AppliedBatch): Promise<void> {
    while (this.inFlight.size >= APPENDS_IN_FLIGHT_MAX) await Promise.race(this.inFlight);
    const options = batch.snapshot === undefined ? {} : { snapshot: batch.snapshot };
    const startedMs = performance.now();
    // A batch with nothing to write (queries, quotes, retries) still answers from what earlier
    // batches did: its answers wait until those are durable, like every other answer.
    const appending =
      batch.entries.length === 0
        ? this.lastAppend.then(() => [] as AppendedEntry[])
        : this.options.appender.appendBatch(batch.entries, options);
    this.lastAppend = appending;
    const done = appending.then(
      (appended) => this.afterCommit(batch, appended, startedMs),
      (error: unknown) => this.fail(error),
    );
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
  }

  /** The first failed append is fatal; the batches that waited on it fail with it, unreported. */
  private fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.options.onFatal(error);
  }

  private afterCommit(batch: AppliedBatch, appended: readonly AppendedEntry[], startedMs: number): void {
    // The batch recorded outcome seqs as it applied; the log must have given exactly those.
    if (appended.length > 0 && appended[0]?.seq !== batch.firstSeq)
      throw new Error(
        `assertion failed: the batch expected seq ${batch.firstSeq}, the log gave ${appended[0]?.seq}`,
      );
    this.options.observer?.batchCommitted(appended, (performance.now() - startedMs) / 1000);
    const last = appended[appended.length - 1];
    if (last !== undefined) this.lastSeq = last.seq;
    for (const action of batch.afterCommit) action(appended);
    this.options.context.recorded.committed(batch.firstSeq);
    const { nc } = this.options;
    for (const result of batch.oracleResults) {
      const event = result.events[0];
      const rejected = event?.type === 'OracleMessageRejected';
      const reply = rejected
        ? errorReply(wireError(event))
        : okReply(event === undefined ? null : eventToWire(event));
      nc.publish(oracleResultSubject(result.validator), encodeReply(reply));
    }
    for (const message of packCommittedEntries(appended)) nc.publish(message.subject, message.payload);
    for (const block of batch.blocks) {
      const entry = appended[block.entryIndex];
      if (entry === undefined) continue;
      const header = {
        height: block.height,
        timeMs: block.timeMs,
        seq: entry.seq,
        stateHash: hex(block.stateHash),
        entryHash: hex(entry.hash),
      };
      nc.publish(SUBJECTS.blockHeader, encodePayload(header));
    }
  }
}

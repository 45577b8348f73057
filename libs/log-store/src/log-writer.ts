/**
 * The one writer of a log: durable, atomic, chained appends, and snapshots.
 *
 * appendBatch assigns seqs and chains hashes synchronously (so calls may be pipelined without
 * awaiting), then writes the whole batch in one LMDB child transaction that first checks the fencing
 * epoch and that the log's tip is still what this writer last wrote. A child transaction because
 * lmdb-js's plain async `transaction()` callback, when it throws, leaves the writes it already made in
 * the commit (measured); the child transaction rolls the batch back. The promise resolves after the
 * commit, which with our options is already durable (see lmdb-environment.ts).
 *
 * Any failure (fenced, disk error, a broken invariant) stops the writer for good: later calls reject
 * with LogWriterFailedError, so nothing is ever appended after a batch that may be missing. The
 * process restarts and recovers from what is on disk.
 */
import assert from 'node:assert/strict';
import { checkStoredEntry, isChainProblem } from './chain-check.js';
import {
  type Tip,
  assertBatchSize,
  chainEntries,
  snapshotAfter,
  writeChainedBatch,
  writeSnapshot,
} from './chained-batch.js';
import type { AppendedEntry, NewEntry } from './entry-envelope.js';
import { LogCorruptError, LogWriterFailedError } from './errors.js';
import { type LogEnvironment, openLogEnvironment } from './lmdb-environment.js';
import { initialiseLogIdentity } from './log-meta.js';
import { LogReader } from './log-reader.js';
import { HASH_BYTES, SNAPSHOTS_RETAINED_DEFAULT, SNAPSHOTS_RETAINED_MAX } from './limits.js';
import { type Snapshot, assertSnapshotBytes } from './snapshot-record.js';
import { readLastStored } from './stored-range.js';
import { uint64Key, uint64OfKey } from './uint64-key.js';
import { assertWriterEpoch, releaseWriterLock, takeWriterLock } from './writer-lock.js';
import type { WriterHolder } from './writer-holder.js';
import { explainWriteFailure } from './write-failure.js';

export interface OpenLogWriterOptions {
  /** The log's directory; created with the log when missing. */
  readonly path: string;
  /** 32 bytes the first entry chains from (`hashGenesis(genesisFileBytes)`); must match an existing log. */
  readonly genesisHash: Uint8Array;
  /** Take the lock even from a live holder, which is then fenced (an operator's decision). */
  readonly takeover?: boolean;
  /** Snapshots kept (default SNAPSHOTS_RETAINED_DEFAULT); older ones are deleted as new ones are written. */
  readonly snapshotsRetained?: number;
}

/** What an appender on another thread needs to go on where the writer is (`handOverAppends`). */
export interface AppendHandOver {
  readonly path: string;
  readonly epoch: number;
  readonly tip: Tip;
  readonly snapshotsRetained: number;
}

export interface AppendOptions {
  /** The state after the batch's last entry, which must be a block entry (it has a stateHash). */
  readonly snapshot?: { readonly bytes: Uint8Array };
}

/**
 * Opens (creating it if needed) a log for writing and takes its writer lock. Throws
 * LogWriterLockedError while another live writer holds it, LogGenesisMismatchError, LogFormatError,
 * or LogCorruptError when the last entry does not validate.
 */
export function openLogWriter(options: OpenLogWriterOptions): LogWriter {
  assert.ok(
    options.genesisHash instanceof Uint8Array && options.genesisHash.length === HASH_BYTES,
    'genesisHash is 32 bytes',
  );
  const snapshotsRetained = options.snapshotsRetained ?? SNAPSHOTS_RETAINED_DEFAULT;
  assert.ok(
    Number.isInteger(snapshotsRetained) &&
      snapshotsRetained >= 1 &&
      snapshotsRetained <= SNAPSHOTS_RETAINED_MAX,
    `snapshotsRetained must be an integer in [1, ${SNAPSHOTS_RETAINED_MAX}]`,
  );
  const env = openLogEnvironment({ path: options.path, readOnly: false });
  try {
    // One synchronous, durable transaction: identity, lock and tip are read and set together.
    const { holder, tip } = env.root.transactionSync(() => {
      initialiseLogIdentity(env, options.genesisHash);
      return {
        holder: takeWriterLock(env, { takeover: options.takeover ?? false }),
        tip: readTip(env, options.genesisHash),
      };
    });
    return new LogWriter(env, {
      genesisHash: Buffer.from(options.genesisHash),
      holder,
      tip,
      snapshotsRetained,
    });
  } catch (error) {
    void env.root.close();
    throw error;
  }
}

export class LogWriter extends LogReader {
  /** This writer's fencing epoch. */
  readonly epoch: number;
  private readonly holder: WriterHolder;
  private readonly snapshotsRetained: number;
  private tip: Tip;
  private failure: unknown = undefined;
  private handedOver = false;
  private readonly pending = new Set<Promise<unknown>>();

  /** Use openLogWriter. */
  constructor(
    env: LogEnvironment,
    state: { genesisHash: Uint8Array; holder: WriterHolder; tip: Tip; snapshotsRetained: number },
  ) {
    super(env, state.genesisHash);
    this.holder = state.holder;
    this.epoch = state.holder.epoch;
    this.tip = state.tip;
    this.snapshotsRetained = state.snapshotsRetained;
  }

  /**
   * The last seq appended by this writer (committed or in flight); 0 for an empty log. After
   * `handOverAppends`, the last seq as of the hand-over: the appender knows the current one.
   */
  get lastSeq(): bigint {
    return this.tip.seq;
  }

  /**
   * Hands appending over to another thread (`startOffThreadAppender`): returns what it needs to go
   * on exactly where this writer is, and from then on this writer refuses appends of its own, so
   * there is never more than one appender. The lock stays with this writer (same process), which
   * releases it on close. `appended` wakes this writer's tails, as its own appends do.
   */
  handOverAppends(): { readonly handOver: AppendHandOver; readonly appended: () => void } {
    this.assertOpen();
    assert.ok(this.pending.size === 0, 'hand appends over before appending, not while appends are in flight');
    assert.ok(!this.handedOver, 'appends were already handed over');
    this.handedOver = true;
    return {
      handOver: {
        path: this.path,
        epoch: this.epoch,
        tip: this.tip,
        snapshotsRetained: this.snapshotsRetained,
      },
      appended: () => this.notifier.notify(),
    };
  }

  /**
   * Appends the entries in one transaction and resolves, once they are durable, with the entries as
   * stored (seq, hashes, bytes). With `snapshot`, the snapshot of the state after the last entry is
   * written in the same transaction.
   */
  appendBatch(newEntries: readonly NewEntry[], options: AppendOptions = {}): Promise<AppendedEntry[]> {
    this.assertOpen();
    assert.ok(!this.handedOver, 'appends were handed over to another thread: append there');
    if (this.failure !== undefined) return Promise.reject(new LogWriterFailedError(this.path, this.failure));
    assertBatchSize(newEntries);
    const expected = this.tip;
    // Everything is checked before the in-memory tip moves, so a failed assertion changes nothing.
    const { entries, tip } = chainEntries(expected, newEntries);
    const snapshot = options.snapshot === undefined ? undefined : snapshotAfter(entries, options.snapshot);
    this.tip = tip;
    const env = this.env;
    const committed = env.root.childTransaction(() =>
      writeChainedBatch(env, {
        epoch: this.epoch,
        expected,
        entries,
        snapshot,
        snapshotsRetained: this.snapshotsRetained,
      }),
    );
    return this.durable(committed, () => entries);
  }

  /**
   * Stores a snapshot of the state at block `height`, following the block entry at `seq` (which must
   * exist, or be in a batch appended before this call, and carry a stateHash). Resolves when durable.
   */
  putSnapshot(snapshot: { height: bigint; seq: bigint; bytes: Uint8Array }): Promise<Snapshot> {
    this.assertOpen();
    assert.ok(!this.handedOver, 'appends were handed over to another thread: snapshot with the append there');
    if (this.failure !== undefined) return Promise.reject(new LogWriterFailedError(this.path, this.failure));
    assertSnapshotBytes(snapshot.bytes);
    const env = this.env;
    const committed = env.root.childTransaction(() => {
      assertWriterEpoch(env, this.epoch);
      const value = env.entries.getBinary(uint64Key(snapshot.seq));
      assert.ok(
        value !== undefined,
        `a snapshot must follow an existing entry, seq ${snapshot.seq} has none`,
      );
      const entry = checkStoredEntry(uint64Key(snapshot.seq), value, {
        seq: snapshot.seq,
        prevHash: undefined,
        heightMin: 0n,
      });
      if (isChainProblem(entry)) throw new LogCorruptError(this.path, entry.seq, entry.kind, entry.detail);
      assert.ok(entry.stateHash !== undefined, `seq ${snapshot.seq} is not a block entry (no stateHash)`);
      assert.equal(entry.height, snapshot.height, `the entry at seq ${snapshot.seq} is at another height`);
      const stored: Snapshot = {
        height: entry.height,
        seq: entry.seq,
        entryHash: entry.hash,
        bytes: snapshot.bytes,
      };
      writeSnapshot(env, stored, this.snapshotsRetained);
      return stored;
    });
    return this.durable(committed, (stored) => stored);
  }

  /** Refuses new writes, waits for pending ones, releases the lock (if still ours) and closes. */
  override async close(): Promise<void> {
    if (this.isClosed) return;
    this.refuseFurtherUse();
    await Promise.allSettled([...this.pending]);
    try {
      releaseWriterLock(this.env, this.holder);
    } finally {
      await this.env.root.close();
    }
  }

  /** Resolves after the (durable) commit; the first failure stops the writer. */
  private durable<T, R>(committed: Promise<T>, result: (value: T) => R): Promise<R> {
    const done = committed
      .then((value) => {
        // Durable here: the commit fdatasyncs before it resolves (overlappingSync: false).
        this.notifier.notify();
        return result(value);
      })
      .catch((error: unknown) => {
        const failure = explainWriteFailure(this.path, error);
        this.failure ??= failure;
        throw failure;
      });
    this.pending.add(done);
    const forget = (): void => void this.pending.delete(done);
    done.then(forget, forget);
    return done;
  }
}

/** Reads and validates the last entry (the writer resumes after it); genesis for an empty log. */
function readTip(env: LogEnvironment, genesisHash: Uint8Array): Tip {
  const last = readLastStored(env);
  if (last === undefined) return { seq: 0n, hash: Buffer.from(genesisHash), height: 0n };
  const seq = uint64OfKey(last.key) ?? 0n;
  const prevHash = seq === 1n ? genesisHash : undefined;
  const entry = checkStoredEntry(last.key, last.value, { seq, prevHash, heightMin: 0n });
  if (isChainProblem(entry)) throw new LogCorruptError(env.path, entry.seq, entry.kind, entry.detail);
  return { seq: entry.seq, hash: entry.hash, height: entry.height };
}

/**
 * Read access to a log: ranges, the last entry, tailing, chain verification and snapshots. Any number
 * of readers, in any process, may open a log beside its one writer. Every entry read is validated
 * (canonical form, its own hash, its seq, its link to the entry before it) before it is returned.
 */
import assert from 'node:assert/strict';
import { type ChainCursor, checkStoredEntry, cursorAfter, isChainProblem, sameBytes } from './chain-check.js';
import { CommitNotifier } from './commit-notifier.js';
import { NonCanonicalError } from './canonical-msgpack.js';
import type { LogEntry } from './entry-envelope.js';
import { LogClosedError, LogCorruptError } from './errors.js';
import { type LogEnvironment, openLogEnvironment } from './lmdb-environment.js';
import { readLogIdentity } from './log-meta.js';
import { READ_CHUNK_ENTRIES, SEQ_FIRST, UINT64_MAX } from './limits.js';
import { type Snapshot, decodeSnapshot } from './snapshot-record.js';
import { readLastStored, readStoredChunk } from './stored-range.js';
import { type TailOptions, tailEntries } from './tail.js';
import { uint64Key, uint64OfKey } from './uint64-key.js';
import { type ChainVerification, type VerifyChainOptions, verifyChain } from './verify-chain.js';

export interface OpenLogReaderOptions {
  /** The log's directory (holding data.mdb and lock.mdb). */
  readonly path: string;
}

/** Opens an existing log read-only. Throws LogNotFoundError or LogFormatError. */
export function openLogReader(options: OpenLogReaderOptions): LogReader {
  const env = openLogEnvironment({ path: options.path, readOnly: true });
  try {
    return new LogReader(env, readLogIdentity(env));
  } catch (error) {
    void env.root.close();
    throw error;
  }
}

export class LogReader {
  readonly path: string;
  protected readonly notifier = new CommitNotifier();
  private readonly closing = new AbortController();

  /** Use openLogReader / openLogWriter. */
  constructor(
    protected readonly env: LogEnvironment,
    /** The hash the first entry names as `prevHash` (see `hashGenesis`). */
    readonly genesisHash: Uint8Array,
  ) {
    this.path = env.path;
  }

  get isClosed(): boolean {
    return this.closing.signal.aborted;
  }

  /** The entry at `seq`, or undefined. Its link to the entry before is not checked (see readRange). */
  entryAt(seq: bigint): LogEntry | undefined {
    this.assertOpen();
    const value = this.env.entries.getBinary(uint64Key(seq));
    if (value === undefined) return undefined;
    const prevHash = seq === SEQ_FIRST ? this.genesisHash : undefined;
    return this.validated(uint64Key(seq), value, { seq, prevHash, heightMin: 0n });
  }

  /** The last entry, or undefined for an empty log. */
  lastEntry(): LogEntry | undefined {
    this.assertOpen();
    const last = readLastStored(this.env);
    if (last === undefined) return undefined;
    const seq = uint64OfKey(last.key);
    if (seq === undefined)
      throw new LogCorruptError(this.path, 0n, 'malformed-key', 'the last key is not 8 bytes');
    const prevHash = seq === SEQ_FIRST ? this.genesisHash : undefined;
    return this.validated(last.key, last.value, { seq, prevHash, heightMin: 0n });
  }

  /**
   * Entries fromSeq..toSeq (inclusive; default: to the end), read in chunks of READ_CHUNK_ENTRIES.
   * Each is validated and linked to the one before; from seq 1 the first links to the genesis hash.
   * Stops at the end of the log; a gap inside the range throws LogCorruptError.
   */
  *readRange(fromSeq: bigint, toSeq: bigint = UINT64_MAX): Generator<LogEntry, void, undefined> {
    assert.ok(typeof fromSeq === 'bigint' && fromSeq >= SEQ_FIRST, 'fromSeq is a bigint >= 1');
    assert.ok(typeof toSeq === 'bigint' && toSeq <= UINT64_MAX, 'toSeq is a uint64');
    let cursor: ChainCursor = {
      seq: fromSeq,
      prevHash: fromSeq === SEQ_FIRST ? this.genesisHash : undefined,
      heightMin: 0n,
    };
    while (cursor.seq <= toSeq) {
      this.assertOpen();
      const chunk = readStoredChunk(this.env, { fromSeq: cursor.seq, toSeq, limit: READ_CHUNK_ENTRIES });
      for (const { key, value } of chunk) {
        const entry = this.validated(key, value, cursor);
        cursor = cursorAfter(entry);
        yield entry;
      }
      if (chunk.length < READ_CHUNK_ENTRIES) return;
    }
  }

  /** Yields entries from `fromSeq` as they are committed, until the signal aborts or the store closes. */
  tail(fromSeq: bigint, options: TailOptions = {}): AsyncGenerator<LogEntry, void, undefined> {
    this.assertOpen();
    const source = {
      env: this.env,
      genesisHash: this.genesisHash,
      notifier: this.notifier,
      closed: this.closing.signal,
    };
    return tailEntries(source, fromSeq, options);
  }

  /** The first broken seq and what differs, or ok with the last verified entry. */
  verifyChain(options: VerifyChainOptions = {}): Promise<ChainVerification> {
    this.assertOpen();
    return verifyChain(this.env, this.genesisHash, options);
  }

  /** The snapshot with the highest height (at most `heightMax`), checked against the entry it follows. */
  latestSnapshot(options: { heightMax?: bigint } = {}): Snapshot | undefined {
    this.assertOpen();
    const [stored] = Array.from(
      this.env.snapshots.getRange({
        reverse: true,
        limit: 1,
        ...(options.heightMax === undefined ? {} : { start: uint64Key(options.heightMax) }),
      }),
    );
    return stored === undefined ? undefined : this.validatedSnapshot(stored.key, stored.value);
  }

  /** The snapshot taken at exactly `height`, or undefined. */
  snapshotAt(height: bigint): Snapshot | undefined {
    this.assertOpen();
    const key = uint64Key(height);
    const value = this.env.snapshots.getBinary(key);
    return value === undefined ? undefined : this.validatedSnapshot(key, value);
  }

  /** Ends tails and closes the environment (lmdb-js waits for pending transactions). */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.refuseFurtherUse();
    await this.env.root.close();
  }

  /** From now on every call throws LogClosedError and every tail ends. */
  protected refuseFurtherUse(): void {
    this.closing.abort();
  }

  protected assertOpen(): void {
    if (this.isClosed) throw new LogClosedError(this.path);
  }

  private validated(key: Uint8Array, value: Uint8Array, cursor: ChainCursor): LogEntry {
    const result = checkStoredEntry(key, value, cursor);
    if (isChainProblem(result)) throw new LogCorruptError(this.path, result.seq, result.kind, result.detail);
    return result;
  }

  private validatedSnapshot(key: Uint8Array, record: Uint8Array): Snapshot {
    const height = uint64OfKey(key) ?? -1n;
    let snapshot: Snapshot;
    try {
      snapshot = decodeSnapshot(record);
    } catch (error) {
      if (!(error instanceof NonCanonicalError)) throw error;
      throw new LogCorruptError(this.path, 0n, 'snapshot', `snapshot at height ${height}: ${error.message}`);
    }
    const entry = this.entryAt(snapshot.seq);
    if (
      snapshot.height !== height ||
      entry === undefined ||
      entry.height !== height ||
      !sameBytes(entry.hash, snapshot.entryHash)
    )
      throw new LogCorruptError(
        this.path,
        snapshot.seq,
        'snapshot',
        `the snapshot at height ${height} does not follow the block entry at seq ${snapshot.seq}`,
      );
    return snapshot;
  }
}

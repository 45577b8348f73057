/**
 * The operating errors of the log store: small named classes with a stable `code` and a message that
 * says what to do. Programmer errors (a malformed entry handed to `appendBatch`) are assertions
 * instead, and crash the caller.
 */
import type { WriterHolder } from './writer-holder.js';

export abstract class LogStoreError extends Error {
  abstract readonly code: string;
}

/** Another live process (or this one) holds the writer lock of this log. */
export class LogWriterLockedError extends LogStoreError {
  override readonly name = 'LogWriterLockedError';
  readonly code = 'LOG_ERR_WRITER_LOCKED';
  readonly holderPid: number;
  constructor(
    readonly path: string,
    readonly holder: WriterHolder,
  ) {
    super(
      `the log at ${path} is locked by writer pid ${holder.pid} on host ${holder.host} (epoch ` +
        `${holder.epoch}): stop that process first, or open with { takeover: true } if you know it is ` +
        `stale (it will be fenced and cannot append any more)`,
    );
    this.holderPid = holder.pid;
  }
}

/** This writer was superseded by a newer one (a higher epoch): it must not append any more. */
export class LogWriterFencedError extends LogStoreError {
  override readonly name = 'LogWriterFencedError';
  readonly code = 'LOG_ERR_WRITER_FENCED';
  constructor(
    readonly path: string,
    readonly epoch: number,
    readonly currentEpoch: number,
  ) {
    super(
      `this writer (epoch ${epoch}) of the log at ${path} was superseded by epoch ${currentEpoch}: ` +
        `nothing was written; exit and let the newer writer serve`,
    );
  }
}

/** The append thread did not start, or stopped while the log was in use (OffThreadAppender). */
export class LogAppendThreadError extends LogStoreError {
  override readonly name = 'LogAppendThreadError';
  readonly code = 'LOG_ERR_APPEND_THREAD';
  constructor(
    readonly path: string,
    what: string,
  ) {
    super(
      `the append thread of the log at ${path} ${what}: nothing after the last acknowledged append ` +
        `was written; restart the process (its log recovers from what is on disk), and read the ` +
        `thread's error above if there is one`,
    );
  }
}

/**
 * A write to the log failed while the disk holding it was (nearly) full. LMDB reports the failed
 * page write as it comes (on this machine's filesystems, an "Input/output error"); the free space
 * is what tells the operator what to do.
 */
export class LogDiskFullError extends LogStoreError {
  override readonly name = 'LogDiskFullError';
  readonly code = 'LOG_ERR_DISK_FULL';
  constructor(
    readonly path: string,
    readonly freeBytes: number,
    override readonly cause: unknown,
  ) {
    super(
      `a write to the log at ${path} failed (${describe(cause)}) with ${freeBytes} bytes free on its ` +
        `disk: nothing of that write was kept, and everything acknowledged before it is on disk; free ` +
        `space on that disk, then restart the process so it recovers from what is on disk`,
      { cause },
    );
  }
}

/** A write failed earlier; the writer refuses everything after it so no gap or fork can follow. */
export class LogWriterFailedError extends LogStoreError {
  override readonly name = 'LogWriterFailedError';
  readonly code = 'LOG_ERR_WRITER_FAILED';
  constructor(
    readonly path: string,
    override readonly cause: unknown,
  ) {
    super(
      `an earlier write to the log at ${path} failed (${describe(cause)}): the writer accepts no more ` +
        `writes; restart the process so it recovers from what is on disk`,
      { cause },
    );
  }
}

/** What was read back is not what was written: a broken chain, a malformed entry, a missing entry. */
export class LogCorruptError extends LogStoreError {
  override readonly name = 'LogCorruptError';
  readonly code = 'LOG_ERR_CORRUPT';
  constructor(
    readonly path: string,
    readonly seq: bigint,
    /** A ChainProblemKind for entries, `snapshot` for a snapshot record. */
    readonly kind: string,
    readonly detail: string,
  ) {
    super(
      `the log at ${path} is corrupt at seq ${seq} (${kind}: ${detail}): run \`marketnode log verify\` ` +
        `and restore the log from a replica or backup`,
    );
  }
}

/** The file was made by another layout version, or is not a log at all. */
export class LogFormatError extends LogStoreError {
  override readonly name = 'LogFormatError';
  readonly code = 'LOG_ERR_FORMAT_UNSUPPORTED';
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`the LMDB environment at ${path} is not a log this version can open: ${problem}`);
  }
}

/** The log was started from another genesis than the one the caller runs with. */
export class LogGenesisMismatchError extends LogStoreError {
  override readonly name = 'LogGenesisMismatchError';
  readonly code = 'LOG_ERR_GENESIS_MISMATCH';
  constructor(
    readonly path: string,
    readonly storedHex: string,
    readonly givenHex: string,
  ) {
    super(
      `the log at ${path} was started from genesis ${storedHex}, not ${givenHex}: open it with the ` +
        `genesis it was made with, or use another path for a new chain`,
    );
  }
}

/** A reader was pointed at a path where no log was ever created. */
export class LogNotFoundError extends LogStoreError {
  override readonly name = 'LogNotFoundError';
  readonly code = 'LOG_ERR_NOT_FOUND';
  constructor(readonly path: string) {
    super(`no log at ${path}: check the path, or start the writer (the engine) once to create it`);
  }
}

/** The store was closed; nothing can be read or written through it. */
export class LogClosedError extends LogStoreError {
  override readonly name = 'LogClosedError';
  readonly code = 'LOG_ERR_CLOSED';
  constructor(readonly path: string) {
    super(`the log at ${path} was closed: open it again`);
  }
}

function describe(cause: unknown): string {
  // The log's own errors by their code, also those from the append thread, which arrive as plain
  // errors carrying it.
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && code.startsWith('LOG_ERR_')) return code;
  if (cause instanceof Error) return cause.message;
  return String(cause);
}

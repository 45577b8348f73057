/**
 * @marketnode/log-store: the engine's append-only, hash-chained event log in LMDB. Entry bodies are
 * opaque bytes; this library owns the envelope, the chain, durability, snapshots, the writer lock,
 * reads and verification. See README.md.
 */
export {
  openLogWriter,
  LogWriter,
  type OpenLogWriterOptions,
  type AppendOptions,
  type AppendHandOver,
} from './log-writer.js';
export {
  startOffThreadAppender,
  OffThreadAppender,
  type BatchAppender,
} from './off-thread/off-thread-appender.js';
export { openLogReader, LogReader, type OpenLogReaderOptions } from './log-reader.js';
export {
  type LogEntry,
  type NewEntry,
  type AppendedEntry,
  decodeEntry,
  entryHashMatches,
} from './entry-envelope.js';
export type { Snapshot } from './snapshot-record.js';
export type { TailOptions } from './tail.js';
export type { ChainVerification, VerifyChainOptions } from './verify-chain.js';
export type { ChainProblemKind } from './chain-check.js';
export { hashGenesis } from './genesis-hash.js';
export { NonCanonicalError } from './canonical-msgpack.js';
export type { WriterHolder } from './writer-holder.js';
export {
  LogStoreError,
  LogWriterLockedError,
  LogWriterFencedError,
  LogWriterFailedError,
  LogAppendThreadError,
  LogDiskFullError,
  LogCorruptError,
  LogFormatError,
  LogGenesisMismatchError,
  LogNotFoundError,
  LogClosedError,
} from './errors.js';
export { explainWriteFailure, LOW_DISK_BYTES } from './write-failure.js';
export {
  measureDurableAppendRate,
  type DurableAppendRateOptions,
  type DurableAppendRate,
} from './durable-append-rate.js';
export {
  LOG_FORMAT_VERSION,
  ENTRY_ENVELOPE_VERSION,
  SEQ_FIRST,
  HASH_BYTES,
  APPEND_BATCH_ENTRIES_MAX,
  APPEND_BATCH_BYTES_MAX,
  ENTRY_BODY_BYTES_MAX,
  SNAPSHOT_BYTES_MAX,
  SNAPSHOTS_RETAINED_DEFAULT,
  READ_CHUNK_ENTRIES,
  TAIL_POLL_INTERVAL_MS_DEFAULT,
} from './limits.js';
export { lmdbOptions } from './lmdb-environment.js';

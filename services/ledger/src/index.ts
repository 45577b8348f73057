/**
 * `@marketnode/ledger`: projections rebuilt from the engine's log (balances, supplies, pool deltas,
 * reserve flows, oracle rates per period, per-block aggregates, account history), kept in the
 * ledger's own LMDB with a checkpoint; the audit; tailing the log locally or over NATS; queries.
 */
export { applyEntry, type ProjectedEntry } from './projection/apply-entry.js';
export type { BlockAggregate, DirectionVolume } from './projection/block-aggregate.js';
export {
  createProjection,
  inventoryOf,
  POOL_NAMES,
  projectedBalance,
  supplyOf,
  type PoolName,
  type Projection,
  type ReserveFlowRecord,
  type SupplyRecord,
} from './projection/projection.js';
export { ProjectionChanges, type HistoryAppend } from './projection/projection-changes.js';
export { Projector, type AppliedBatch } from './projection/projector.js';
export type { RatesRecord } from './projection/rates-record.js';
export { rebuildProjections, REBUILD_COMMIT_ENTRIES, type RebuildOptions } from './projection/rebuild.js';
export { ProjectionStore, type OpenProjectionStoreOptions } from './store/projection-store.js';
export { PROJECTION_DATABASES, type ProjectionDatabaseName } from './store/ledger-environment.js';
export * from './store/records.js';
export { auditLedger, type AuditOptions, type AuditVerdict } from './audit/audit-ledger.js';
export { AUDIT_CODES, AUDIT_HINTS, type AuditCode, type AuditFailure } from './audit/audit-failure.js';
export { firstStoreDifference, type StoreDifference } from './audit/compare-stores.js';
export * from './errors.js';
export {
  runLedger,
  RANGE_REQUEST_TIMEOUT_MS,
  type LedgerServiceOptions,
  type RunningLedger,
} from './ledger-service.js';
export { LedgerMetrics } from './metrics/ledger-metrics.js';
export { readCheckpointSeq } from './store/projection-store.js';
export { followLocalLog, FOLLOW_CHUNK_ENTRIES, type LocalFollowOptions } from './tailing/local-follower.js';
export {
  followNatsStream,
  NATS_COMMIT_ENTRIES_MAX,
  type NatsFollowOptions,
} from './tailing/nats-follower.js';
export {
  readLogRange,
  serveLogRange,
  LOG_RANGE_ENTRIES_MAX,
  type LogRangeReply,
} from './tailing/range-server.js';
export { serveLedgerQueries, HISTORY_PAGE_SEQS_MAX } from './queries/query-server.js';

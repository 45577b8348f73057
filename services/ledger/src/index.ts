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

/**
 * The ledger's own LMDB environment: one directory, one named database per projection, and `meta`
 * for the checkpoint. The ledger is its only writer. Every option that matters is spelled out, as
 * for the engine's log (`libs/log-store/README.md`): the projection is rebuilt from the log if it is
 * ever lost, but a checkpoint that claims more than the disk holds would make a restart skip
 * entries, so commits are synchronous and durable like the log's.
 */
import { open, type Database, type RootDatabase } from 'lmdb';

export const PROJECTION_DATABASES = [
  'balances',
  'supplies',
  'pools',
  'reserve',
  'rates',
  'blocks',
  'history',
  'meta',
] as const;
export type ProjectionDatabaseName = (typeof PROJECTION_DATABASES)[number];

/** Address space only; the file grows as written (lmdb-js grows the map by itself if ever exceeded). */
export const LEDGER_MAP_SIZE_BYTES = 16 * 1024 ** 3;
/** The ledger, the audit and `marketnode` tools reading beside it. */
export const LEDGER_READERS_MAX = 64;

export interface LedgerEnvironment {
  readonly path: string;
  readonly root: RootDatabase;
  readonly databases: Readonly<Record<ProjectionDatabaseName, Database>>;
}

/** Options lmdb-js reads but does not declare in its types. */
interface UndeclaredOptions {
  readonly safeRestore: boolean;
  readonly mapAsync: boolean;
}

export function openLedgerEnvironment(options: { path: string; readOnly?: boolean }): LedgerEnvironment {
  const lmdbOptions: Parameters<typeof open>[0] & UndeclaredOptions = {
    path: options.path,
    noSubdir: false,
    readOnly: options.readOnly ?? false,
    // Sync data and meta pages inside each commit, before it resolves: a checkpoint on disk always
    // has the projection records of the same transaction beside it (a restart resumes exactly).
    noSync: false,
    noMetaSync: false,
    overlappingSync: false,
    safeRestore: false,
    mapAsync: false,
    // pwrite from private buffers: a stray pointer cannot corrupt the projection file.
    useWritemap: false,
    noMemInit: false,
    remapChunks: false,
    mapSize: LEDGER_MAP_SIZE_BYTES,
    maxDbs: PROJECTION_DATABASES.length + 1,
    maxReaders: LEDGER_READERS_MAX,
    commitDelay: 0,
    // Values are msgpack (lmdb-js's own msgpackr) of plain records whose amounts are decimal strings,
    // so no bigint ever passes through a lossy number.
    encoding: 'msgpack',
    compression: false,
    // The audit compares what is on disk; a cache could answer from memory instead.
    cache: false,
  };
  const root = open(lmdbOptions);
  const entries = PROJECTION_DATABASES.map((name) => [
    name,
    root.openDB({ name, encoding: 'msgpack', compression: false, cache: false }),
  ]);
  return {
    path: options.path,
    root,
    databases: Object.fromEntries(entries) as Record<ProjectionDatabaseName, Database>,
  };
}

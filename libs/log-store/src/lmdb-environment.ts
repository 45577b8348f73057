/**
 * The one LMDB environment of a log, opened with every option that matters spelled out, and its three
 * databases: `entries` (seq -> envelope), `snapshots` (height -> snapshot record), `meta` (format
 * version, genesis hash, writer epoch and holder).
 *
 * Durability, in one sentence: with `overlappingSync: false` and `noSync: false` lmdb-js commits each
 * write transaction on its write thread with LMDB's own synchronous commit (write the data pages,
 * fdatasync, then write the meta page through an O_DSYNC descriptor), and only then resolves the
 * commit promise; so "committed" already means "on disk", and a reader in another process can never
 * see an entry that a power loss could take back. With lmdb-js's default (`overlappingSync: true`) a
 * commit resolves before the fdatasync and `db.flushed` would have to be awaited instead; but
 * `flushed` is one promise for the whole environment, so under pipelined appends batch N's
 * acknowledgement would also wait for batch N+1's commit (measured, lmdb-js 3.5.6). A test pins these
 * options.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Database, type RootDatabase, type RootDatabaseOptionsWithPath, open } from 'lmdb';
import { LogFormatError, LogNotFoundError } from './errors.js';
import { LOG_MAP_SIZE_BYTES, LOG_READERS_MAX } from './limits.js';

export interface LogEnvironment {
  readonly path: string;
  readonly root: RootDatabase<Buffer, Buffer>;
  readonly entries: Database<Buffer, Buffer>;
  readonly snapshots: Database<Buffer, Buffer>;
  readonly meta: Database<Buffer, Buffer>;
}

/** Options lmdb-js reads but does not declare in its types. */
interface UndeclaredOptions {
  readonly safeRestore: boolean;
  readonly mapAsync: boolean;
}

/** The databases are named; the root database holds only their names (lmdb-js's advice). */
const DATABASE_NAMES = ['entries', 'snapshots', 'meta'] as const;

export function lmdbOptions(
  path: string,
  readOnly: boolean,
): RootDatabaseOptionsWithPath & UndeclaredOptions {
  return {
    path,
    // `path` is a directory holding data.mdb and lock.mdb.
    noSubdir: false,
    // Readers (the ledger, `log verify`) open read-only beside the writer; LMDB allows that across
    // processes, the lock file coordinates them.
    readOnly,
    // Flush on every commit. Without it a machine crash can lose acknowledged entries or corrupt the file.
    noSync: false,
    // Sync the meta page too (it is what makes a commit visible); skipping it could undo the last commit.
    noMetaSync: false,
    // Sync inside the commit, before the commit promise resolves, instead of after it: an append then
    // resolves only once durable, and readers never observe an entry that is not yet on disk.
    // Measured on this machine: no slower for batched appends (fdatasync ~50 us; see the README).
    overlappingSync: false,
    // Only meaningful with overlappingSync (which snapshot to restore after a crash); set so the
    // LMDB_RESTORE environment variable cannot change behaviour behind our back.
    safeRestore: false,
    // mapAsync would let the OS write pages when it likes and hide when a flush finished.
    mapAsync: false,
    // Write through pwrite from private buffers, not a writable map: a stray pointer cannot corrupt the
    // file, and child transactions (the atomic rollback of a failed batch) need it off.
    useWritemap: false,
    // Zero unused parts of pages, so no leftover heap bytes ever land in the file.
    noMemInit: false,
    // One fixed map (see LOG_MAP_SIZE_BYTES); dynamic chunked maps are for 32-bit systems.
    remapChunks: false,
    mapSize: LOG_MAP_SIZE_BYTES,
    // entries, snapshots, meta, plus one spare for a later format.
    maxDbs: DATABASE_NAMES.length + 1,
    maxReaders: LOG_READERS_MAX,
    // Start the commit at once (no added latency). Each append is one explicit transaction anyway.
    commitDelay: 0,
    // lmdb-js's default, kept: writes queued in one event turn share one commit. Two appendBatch calls
    // in the same turn may share an LMDB transaction; each batch stays atomic (a child transaction).
    eventTurnBatching: true,
    // Values are the exact hashed bytes, stored and returned untouched.
    encoding: 'binary',
    // Keys are 8-byte big-endian numbers (or short ASCII names in meta), compared bytewise.
    keyEncoding: 'binary',
    // No LZ4: entries are small, and the bytes on disk should be the bytes that were hashed.
    compression: false,
    // No object cache: every read comes from the file and is validated; caching also disables child
    // transactions.
    cache: false,
  };
}

/** Opens (creating, for a writer) the environment and its databases. */
export function openLogEnvironment(options: { path: string; readOnly: boolean }): LogEnvironment {
  const { path, readOnly } = options;
  if (readOnly && !existsSync(join(path, 'data.mdb'))) throw new LogNotFoundError(path);
  const root = open<Buffer, Buffer>(lmdbOptions(path, readOnly));
  const databases = DATABASE_NAMES.map(
    (name) =>
      // lmdb-js returns undefined (not a database) for a missing name in a read-only environment.
      root.openDB<Buffer, Buffer>(name, {
        encoding: 'binary',
        keyEncoding: 'binary',
        compression: false,
        cache: false,
      }) as Database<Buffer, Buffer> | undefined,
  );
  const [entries, snapshots, meta] = databases;
  if (entries === undefined || snapshots === undefined || meta === undefined) {
    void root.close();
    throw new LogFormatError(path, `no ${DATABASE_NAMES.join('/')} databases (not a log)`);
  }
  return { path, root, entries, snapshots, meta };
}

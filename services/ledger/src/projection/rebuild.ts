/**
 * Rebuilds the projections from scratch: a fresh store, every entry of the log from seq 1 (up to
 * `toSeq`), committed in chunks. What the audit holds the incremental store against, and what
 * `bench:replay` times.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { READ_CHUNK_ENTRIES, type LogEntry, type LogReader } from '@marketnode/log-store';
import type { NodeGenesis } from '@marketnode/node-state';
import { ProjectionStore } from '../store/projection-store.js';
import { Projector } from './projector.js';

/** Entries per commit while rebuilding: large transactions, bounded memory. */
export const REBUILD_COMMIT_ENTRIES = 4 * READ_CHUNK_ENTRIES;

export interface RebuildOptions {
  readonly reader: LogReader;
  readonly genesis: NodeGenesis;
  /** A directory for the new store (created). */
  readonly path: string;
  readonly toSeq?: bigint;
  readonly onProgress?: (progress: { seq: bigint }) => void;
}

/** Returns the rebuilt store, open; the caller closes it. */
export async function rebuildProjections(options: RebuildOptions): Promise<ProjectionStore> {
  const store = ProjectionStore.open({
    path: options.path,
    genesis: options.genesis,
    genesisHash: options.reader.genesisHash,
  });
  const projector = new Projector(store);
  let pending: LogEntry[] = [];
  for (const entry of options.reader.readRange(1n, options.toSeq)) {
    pending.push(entry);
    if (pending.length < REBUILD_COMMIT_ENTRIES) continue;
    projector.applyBatch(pending);
    pending = [];
    options.onProgress?.({ seq: entry.seq });
    await yieldToEventLoop();
  }
  if (pending.length > 0) projector.applyBatch(pending);
  return store;
}

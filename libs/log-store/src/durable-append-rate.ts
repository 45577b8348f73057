/**
 * The machine's raw limit for the log, measured the way the engine writes: batches of entries
 * appended with `appendBatch` (envelope encoding, sha256 chaining, one LMDB transaction, fdatasync)
 * and awaited until durable before the next batch, for a fixed time. `bench:engine` compares the
 * engine's swap rate with this number measured in the same run.
 *
 * DESIGN.md lists about 120k entries/s for batches of 1000 200-byte entries on the reference machine.
 */
import assert from 'node:assert/strict';
import type { NewEntry } from './entry-envelope.js';
import { hashGenesis } from './genesis-hash.js';
import { APPEND_BATCH_ENTRIES_MAX, ENTRY_BODY_BYTES_MAX } from './limits.js';
import { openLogWriter } from './log-writer.js';

export const MEASURE_SECONDS_MAX = 600;
export const MEASURE_BATCHES_IN_FLIGHT_MAX = 64;

export interface DurableAppendRateOptions {
  /** An empty directory (or one this function used before): the log is written there. */
  readonly path: string;
  /** Body bytes per entry (the envelope adds about 90 bytes). */
  readonly entryBytes: number;
  readonly batchSize: number;
  readonly seconds: number;
  /** Batches appended before awaiting the oldest (default 1, as the engine's loop does). */
  readonly batchesInFlight?: number;
}

export interface DurableAppendRate {
  readonly entriesPerSecond: number;
  readonly entriesAppended: number;
  readonly batchesAppended: number;
  readonly elapsedMs: number;
  /** Stored size of one entry (envelope included). */
  readonly storedEntryBytes: number;
}

/** Appends durable batches for `seconds` and reports the rate. The log at `path` is left in place. */
export async function measureDurableAppendRate(
  options: DurableAppendRateOptions,
): Promise<DurableAppendRate> {
  const { path, entryBytes, batchSize, seconds } = options;
  const batchesInFlight = options.batchesInFlight ?? 1;
  assert.ok(
    Number.isInteger(entryBytes) && entryBytes >= 0 && entryBytes <= ENTRY_BODY_BYTES_MAX,
    'entryBytes',
  );
  assert.ok(
    Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= APPEND_BATCH_ENTRIES_MAX,
    'batchSize',
  );
  assert.ok(seconds > 0 && seconds <= MEASURE_SECONDS_MAX, `seconds in (0, ${MEASURE_SECONDS_MAX}]`);
  assert.ok(
    Number.isInteger(batchesInFlight) &&
      batchesInFlight >= 1 &&
      batchesInFlight <= MEASURE_BATCHES_IN_FLIGHT_MAX,
  );
  const writer = openLogWriter({ path, genesisHash: hashGenesis(Buffer.from('measureDurableAppendRate')) });
  try {
    const batch = fillerBatch({ entryBytes, batchSize, height: writer.lastEntry()?.height ?? 1n });
    const inFlight: Promise<unknown>[] = [];
    let batchesAppended = 0;
    let storedEntryBytes = 0;
    const startMs = performance.now();
    const deadlineMs = startMs + seconds * 1000;
    while (performance.now() < deadlineMs) {
      inFlight.push(
        writer.appendBatch(batch).then((entries) => {
          storedEntryBytes = entries[0]!.bytes.length;
          batchesAppended++;
        }),
      );
      if (inFlight.length >= batchesInFlight) await inFlight.shift();
    }
    await Promise.all(inFlight);
    const elapsedMs = performance.now() - startMs;
    const entriesAppended = batchesAppended * batchSize;
    return {
      entriesPerSecond: (entriesAppended * 1000) / elapsedMs,
      entriesAppended,
      batchesAppended,
      elapsedMs,
      storedEntryBytes,
    };
  } finally {
    await writer.close();
  }
}

/** One batch reused for every append: the bytes do not matter to LMDB (no compression). */
function fillerBatch(shape: { entryBytes: number; batchSize: number; height: bigint }): NewEntry[] {
  const body = Buffer.alloc(shape.entryBytes);
  for (let i = 0; i < body.length; i++) body[i] = (i * 31 + 7) & 0xff;
  return Array.from({ length: shape.batchSize }, () => ({ height: shape.height, body }));
}

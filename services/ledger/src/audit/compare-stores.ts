/**
 * Holds the ledger's incremental store against a rebuild from scratch, database by database in key
 * order, and reports the first record that differs with the seq of the entry that last wrote it
 * (every record carries it), so an edited balance is named at the entry that set it.
 */
import { isDeepStrictEqual } from 'node:util';
import { PROJECTION_DATABASES } from '../store/ledger-environment.js';
import type { ProjectionStore } from '../store/projection-store.js';

export interface StoreDifference {
  readonly database: string;
  readonly key: unknown;
  readonly stored: unknown;
  readonly rebuilt: unknown;
  /** The seq the differing record names (rebuilt first), or undefined when neither names one. */
  readonly seq: bigint | undefined;
}

export function firstStoreDifference(
  stored: ProjectionStore,
  rebuilt: ProjectionStore,
): StoreDifference | undefined {
  for (const database of PROJECTION_DATABASES) {
    const left = stored.env.databases[database].getRange({})[Symbol.iterator]();
    const right = rebuilt.env.databases[database].getRange({})[Symbol.iterator]();
    for (;;) {
      const a = left.next();
      const b = right.next();
      if (a.done === true && b.done === true) break;
      const storedRecord = a.done === true ? undefined : a.value;
      const rebuiltRecord = b.done === true ? undefined : b.value;
      if (
        storedRecord !== undefined &&
        rebuiltRecord !== undefined &&
        isDeepStrictEqual(storedRecord.key, rebuiltRecord.key) &&
        isDeepStrictEqual(storedRecord.value, rebuiltRecord.value)
      )
        continue;
      const key = (rebuiltRecord ?? storedRecord)?.key;
      return {
        database,
        key,
        stored: storedRecord?.value,
        rebuilt: rebuiltRecord?.value,
        seq: seqNamedBy(rebuiltRecord) ?? seqNamedBy(storedRecord),
      };
    }
  }
  return undefined;
}

/** The `seq` field of a record, or the seq in a history key `[account, seq]`. */
function seqNamedBy(record: { key: unknown; value: unknown } | undefined): bigint | undefined {
  if (record === undefined) return undefined;
  const value = record.value as { seq?: unknown } | null;
  if (typeof value === 'object' && value !== null && typeof value.seq === 'string') return BigInt(value.seq);
  if (Array.isArray(record.key) && typeof record.key[1] === 'string' && /^[0-9]{20}$/.test(record.key[1]))
    return BigInt(record.key[1]);
  return undefined;
}

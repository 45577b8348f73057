/**
 * What a failed write to the log means. LMDB reports a page write that found no room as whatever the
 * filesystem said (an "Input/output error" on a full tmpfs here), which tells an operator nothing;
 * the free space on the log's disk does. A failure with less than LOW_DISK_BYTES free becomes a
 * LogDiskFullError; any other failure is kept as it is.
 */
import { AssertionError } from 'node:assert/strict';
import { statfsSync } from 'node:fs';
import { LogDiskFullError, LogStoreError } from './errors.js';
import { APPEND_BATCH_BYTES_MAX } from './limits.js';

/** Below this much free space a failed write is taken for a full disk: one batch may need it all. */
export const LOW_DISK_BYTES = APPEND_BATCH_BYTES_MAX;

/** The bytes an unprivileged writer may still use on the filesystem holding `path`. */
export function freeBytesOnDisk(path: string): number {
  const stats = statfsSync(path);
  return stats.bavail * stats.bsize;
}

export function explainWriteFailure(
  path: string,
  error: unknown,
  freeBytesOf: (path: string) => number = freeBytesOnDisk,
): unknown {
  // The log's own errors already say what to do; a broken assertion is a bug whatever the disk holds.
  if (error instanceof LogStoreError || error instanceof AssertionError) return error;
  let freeBytes: number;
  try {
    freeBytes = freeBytesOf(path);
  } catch {
    // The disk cannot even be asked: report the write's own error.
    return error;
  }
  return freeBytes < LOW_DISK_BYTES ? new LogDiskFullError(path, freeBytes, error) : error;
}

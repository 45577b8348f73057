/**
 * Reading a log for forensics: entries in order, each decoded into its command and events, within
 * a range of seqs or heights. Streams (the log store reads in bounded chunks; nothing is
 * buffered here), reports progress, and yields to the event loop now and then so a long scan stays
 * interruptible and its progress visible.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { decodeLogBody, type LogBody } from '@marketnode/events';
import { SEQ_FIRST, type LogEntry, type LogReader } from '@marketnode/log-store';
import { EntryUndecodableError } from './forensics-errors.js';
import { firstSeqFromHeight } from './height-seek.js';

/** Entries scanned between two progress reports and yields to the event loop. */
export const SCAN_PROGRESS_ENTRIES = 1024;

export interface ScanProgress {
  readonly seq: bigint;
  readonly height: bigint;
  readonly entriesScanned: number;
}

export interface ScanLogOptions {
  readonly reader: LogReader;
  /** First height scanned (default: the start of the log). */
  readonly fromHeight?: bigint;
  /** Last height scanned, inclusive (default: the end of the log). */
  readonly toHeight?: bigint;
  readonly onProgress?: (progress: ScanProgress) => void;
  readonly signal?: AbortSignal;
}

export interface DecodedEntry {
  readonly entry: LogEntry;
  readonly body: LogBody;
}

export async function* scanLog(options: ScanLogOptions): AsyncGenerator<DecodedEntry, void, undefined> {
  const { reader, toHeight } = options;
  const fromSeq =
    options.fromHeight === undefined ? SEQ_FIRST : firstSeqFromHeight(reader, options.fromHeight);
  if (fromSeq === undefined) return;
  let entriesScanned = 0;
  for (const entry of reader.readRange(fromSeq)) {
    if (toHeight !== undefined && entry.height > toHeight) return;
    yield { entry, body: decodedBody(entry) };
    entriesScanned += 1;
    if (entriesScanned % SCAN_PROGRESS_ENTRIES === 0) {
      options.onProgress?.({ seq: entry.seq, height: entry.height, entriesScanned });
      await yieldToEventLoop();
      options.signal?.throwIfAborted();
    }
  }
}

function decodedBody(entry: LogEntry): LogBody {
  try {
    return decodeLogBody(entry.body);
  } catch (error) {
    throw new EntryUndecodableError(entry.seq, error);
  }
}

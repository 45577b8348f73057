/**
 * Finding entries by height. Heights never decrease along the log (the chain check proves it), so a
 * binary search over seqs with `entryAt` finds the first entry of a height in O(log n) reads instead
 * of a scan from the start.
 */
import { LogCorruptError, SEQ_FIRST, type LogEntry, type LogReader } from '@marketnode/log-store';
import { HeightNotInLogError } from './forensics-errors.js';

/** The first seq whose entry is at `height` or later; undefined when every entry is earlier. */
export function firstSeqFromHeight(reader: LogReader, height: bigint): bigint | undefined {
  const last = reader.lastEntry();
  if (last === undefined || last.height < height) return undefined;
  // Invariant: the entry at `high` is at `height` or later; every entry before `low` is earlier.
  let low = SEQ_FIRST;
  let high = last.seq;
  while (low < high) {
    const middle = (low + high) / 2n;
    if (entryOrCorrupt(reader, middle).height < height) low = middle + 1n;
    else high = middle;
  }
  return low;
}

/**
 * The block entry that ended `height` (its `EndBlock`, carrying the state hash): the last entry at
 * that height. Throws HeightNotInLogError when the log has not ended that block.
 */
export function blockEntryOf(reader: LogReader, height: bigint): LogEntry {
  const next = firstSeqFromHeight(reader, height + 1n);
  const candidateSeq = next === undefined ? reader.lastEntry()?.seq : next - 1n;
  const candidate =
    candidateSeq === undefined || candidateSeq < SEQ_FIRST ? undefined : reader.entryAt(candidateSeq);
  if (candidate !== undefined && candidate.height === height && candidate.stateHash !== undefined)
    return candidate;
  throw new HeightNotInLogError(height, lastEndedHeight(reader));
}

/** The height of the last block that ended in the log; 0 when none has. */
export function lastEndedHeight(reader: LogReader): bigint {
  const last = reader.lastEntry();
  if (last === undefined) return 0n;
  // Entries after the last block entry are at the next height: the last ended block is either the
  // last entry's height (when it is a block entry) or the one before.
  return last.stateHash !== undefined ? last.height : last.height - 1n;
}

function entryOrCorrupt(reader: LogReader, seq: bigint): LogEntry {
  const entry = reader.entryAt(seq);
  if (entry === undefined)
    throw new LogCorruptError(reader.path, seq, 'missing-entry', 'an entry inside the log is missing');
  return entry;
}

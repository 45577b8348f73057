/**
 * Replays a recording of prices against block time: for each pair, the quote is the latest record
 * at or before the clock's block time, carrying the record's own timestamp, so a gap in the
 * recording shows up as a stale quote (dropped by the aggregation), never as a fresh one. A pair
 * with no record yet is simply absent; with none for any pair the round fails as NO_DATA.
 */
import { readFile, stat } from 'node:fs/promises';
import { parsePriceRecords, type PriceRecord, type RecordFormat } from './price-records.js';
import type { PriceQuote, PriceSource, SourceClock } from './price-source.js';
import { FeederSourceConfigError, FeederSourceError } from './source-error.js';

export interface RecordedFileOptions {
  readonly name?: string;
  readonly path: string;
  /** Defaults from the file's extension: `.csv` is CSV, anything else JSONL. */
  readonly format?: RecordFormat;
  /** Added to every recorded timestamp, to replay an old recording at today's block times. */
  readonly timeShiftMs?: number;
  readonly maxAgeMs?: number;
  readonly timeoutMs?: number;
}

export const RECORDED_FILE_DEFAULTS = { name: 'recorded', maxAgeMs: 60_000, timeoutMs: 1_000 } as const;
/** The recording is held in memory; this bounds it (about a million lines). */
export const RECORDED_FILE_BYTES_MAX = 128 * 1024 * 1024;

export class RecordedFileSource implements PriceSource {
  readonly name: string;
  readonly maxAgeMs: number;
  readonly timeoutMs: number;
  /** Per pair, records sorted by (shifted) timestamp. */
  readonly #series: ReadonlyMap<string, readonly PriceRecord[]>;
  #closed = false;

  private constructor(options: RecordedFileOptions, series: ReadonlyMap<string, readonly PriceRecord[]>) {
    this.name = options.name ?? RECORDED_FILE_DEFAULTS.name;
    this.maxAgeMs = options.maxAgeMs ?? RECORDED_FILE_DEFAULTS.maxAgeMs;
    this.timeoutMs = options.timeoutMs ?? RECORDED_FILE_DEFAULTS.timeoutMs;
    this.#series = series;
  }

  /** Reads and checks the whole recording; throws FeederSourceConfigError listing bad lines. */
  static async open(options: RecordedFileOptions): Promise<RecordedFileSource> {
    const name = options.name ?? RECORDED_FILE_DEFAULTS.name;
    const text = await readRecording(name, options.path);
    const format = options.format ?? (options.path.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl');
    const { records, problems } = parsePriceRecords(text, format);
    if (problems.length > 0)
      throw new FeederSourceConfigError(name, `${options.path}: ${problems.join('; ')}`);
    if (records.length === 0)
      throw new FeederSourceConfigError(name, `${options.path} holds no price records`);
    const shiftMs = options.timeShiftMs ?? 0;
    if (!Number.isSafeInteger(shiftMs))
      throw new FeederSourceConfigError(name, 'timeShiftMs must be an integer');
    return new RecordedFileSource(options, seriesByPair(records, shiftMs));
  }

  async fetchQuotes(request: {
    readonly clock: SourceClock;
    readonly signal: AbortSignal;
  }): Promise<readonly PriceQuote[]> {
    if (this.#closed)
      throw new FeederSourceError('FEEDER_ERR_SOURCE_CLOSED', this.name, 'the source was closed');
    const quotes: PriceQuote[] = [];
    for (const series of this.#series.values()) {
      const record = latestAtOrBefore(series, request.clock.blockTimeMs);
      if (record !== undefined) quotes.push({ source: this.name, ...record });
    }
    if (quotes.length === 0)
      throw new FeederSourceError(
        'FEEDER_ERR_SOURCE_NO_DATA',
        this.name,
        `the recording starts after block time ${request.clock.blockTimeMs}: shift it with timeShiftMs`,
      );
    return quotes;
  }

  async close(): Promise<void> {
    this.#closed = true;
  }
}

async function readRecording(name: string, path: string): Promise<string> {
  try {
    const { size } = await stat(path);
    if (size > RECORDED_FILE_BYTES_MAX)
      throw new FeederSourceConfigError(name, `${path} is ${size} bytes, over ${RECORDED_FILE_BYTES_MAX}`);
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof FeederSourceConfigError) throw error;
    throw new FeederSourceConfigError(name, `cannot read ${path}: ${(error as Error).message}`);
  }
}

function seriesByPair(records: readonly PriceRecord[], shiftMs: number): Map<string, PriceRecord[]> {
  const series = new Map<string, PriceRecord[]>();
  for (const record of records) {
    const key = `${record.base}/${record.quote}`;
    const list = series.get(key) ?? [];
    list.push({ ...record, timestampMs: record.timestampMs + shiftMs });
    series.set(key, list);
  }
  // A stable sort keeps the file's order among equal timestamps: the later line wins.
  for (const list of series.values()) list.sort((a, b) => a.timestampMs - b.timestampMs);
  return series;
}

/** Binary search for the last record with timestamp <= `timeMs`. */
function latestAtOrBefore(series: readonly PriceRecord[], timeMs: number): PriceRecord | undefined {
  let low = 0;
  let high = series.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((series[middle] as PriceRecord).timestampMs <= timeMs) low = middle + 1;
    else high = middle;
  }
  return low === 0 ? undefined : series[low - 1];
}

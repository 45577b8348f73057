/**
 * Reads a recording of prices: JSONL (`{"timestampMs":..,"base":..,"quote":..,"price":".."}` per
 * line) or CSV (header `timestampMs,base,quote,price`). Every line is checked; a bad line names its
 * number. Prices keep their exact digits (a JSON number is read as text by lossless-json).
 */
import type { Decimal } from 'decimal.js';
import { parse as parseLosslessJson } from 'lossless-json';
import { parsePriceText } from './price-text.js';

export interface PriceRecord {
  readonly timestampMs: number;
  readonly base: string;
  readonly quote: string;
  readonly price: Decimal;
}

export type RecordFormat = 'jsonl' | 'csv';

export const CSV_HEADER = 'timestampMs,base,quote,price';
const ASSET_PATTERN = /^[A-Z0-9]{1,16}$/;
const TIMESTAMP_PATTERN = /^[0-9]{1,16}$/;

/** Parses every record, or returns the problems (at most `problemsMax`, each naming its line). */
export function parsePriceRecords(
  text: string,
  format: RecordFormat,
  problemsMax = 10,
): { readonly records: PriceRecord[]; readonly problems: string[] } {
  const records: PriceRecord[] = [];
  const problems: string[] = [];
  const lines = text.split(/\r?\n/);
  let headerSeen = format === 'jsonl';
  for (const [index, rawLine] of lines.entries()) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (!headerSeen) {
      if (line !== CSV_HEADER) problems.push(`line ${index + 1}: the CSV header must be "${CSV_HEADER}"`);
      headerSeen = true;
      continue;
    }
    const fields = format === 'csv' ? csvFields(line) : jsonFields(line);
    const record = typeof fields === 'string' ? fields : toRecord(fields);
    if (typeof record === 'string') problems.push(`line ${index + 1}: ${record}`);
    else records.push(record);
    if (problems.length >= problemsMax) break;
  }
  return { records, problems };
}

interface RawFields {
  readonly timestampMs: unknown;
  readonly base: unknown;
  readonly quote: unknown;
  readonly price: unknown;
}

function csvFields(line: string): RawFields | string {
  const cells = line.split(',').map((cell) => cell.trim());
  if (cells.length !== 4) return `expected 4 comma-separated fields, got ${cells.length}`;
  const [timestampMs, base, quote, price] = cells;
  return { timestampMs, base, quote, price };
}

function jsonFields(line: string): RawFields | string {
  let value: unknown;
  try {
    value = parseLosslessJson(line, null, (digits) => digits);
  } catch {
    return 'not a JSON object';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const record = value as Record<string, unknown>;
  return {
    timestampMs: record['timestampMs'],
    base: record['base'],
    quote: record['quote'],
    price: record['price'],
  };
}

function toRecord(fields: RawFields): PriceRecord | string {
  const { timestampMs, base, quote, price } = fields;
  if (typeof timestampMs !== 'string' || !TIMESTAMP_PATTERN.test(timestampMs))
    return 'timestampMs must be a whole number of milliseconds';
  if (typeof base !== 'string' || !ASSET_PATTERN.test(base)) return 'base must be an upper-case asset symbol';
  if (typeof quote !== 'string' || !ASSET_PATTERN.test(quote) || quote === base)
    return 'quote must be an upper-case asset symbol other than base';
  const parsed = typeof price === 'string' ? parsePriceText(price) : undefined;
  if (parsed === undefined) return 'price must be a decimal > 0';
  return { timestampMs: Number(timestampMs), base, quote, price: parsed };
}

/**
 * Defensive reading of a parsed API body: every field is checked for the type the documentation
 * promises, and anything else fails the whole answer as FEEDER_ERR_SOURCE_MALFORMED, naming the
 * field. Bodies come from lossless-json, so a JSON number arrives as its decimal text.
 */
import type { Decimal } from 'decimal.js';
import { parsePriceText } from './price-text.js';
import { FeederSourceError } from './source-error.js';

export type JsonRecord = Readonly<Record<string, unknown>>;

export function malformed(source: string, detail: string): FeederSourceError {
  return new FeederSourceError(
    'FEEDER_ERR_SOURCE_MALFORMED',
    source,
    `${detail}: the API's format changed or the URL is wrong`,
  );
}

export function asRecord(value: unknown, where: string, source: string): JsonRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw malformed(source, `${where} is not an object`);
  return value as JsonRecord;
}

export function asArray(value: unknown, where: string, source: string): readonly unknown[] {
  if (!Array.isArray(value)) throw malformed(source, `${where} is not an array`);
  return value;
}

export function textField(record: JsonRecord, key: string, where: string, source: string): string {
  const value = record[key];
  if (typeof value !== 'string') throw malformed(source, `${where}.${key} is missing or not text`);
  return value;
}

/** A price written as a decimal string or a JSON number; it must be a plain decimal > 0. */
export function priceOf(value: unknown, where: string, source: string): Decimal {
  const price = typeof value === 'string' ? parsePriceText(value) : undefined;
  if (price === undefined) throw malformed(source, `${where} is not a positive decimal (${describe(value)})`);
  return price;
}

/** A whole number of milliseconds (or seconds, scaled by `unitMs`) since the epoch. */
export function epochMsOf(
  value: unknown,
  options: { where: string; source: string; unitMs: number },
): number {
  const text = typeof value === 'string' && /^[0-9]{1,16}$/.test(value) ? value : undefined;
  const ms = text === undefined ? NaN : Number(text) * options.unitMs;
  if (!Number.isSafeInteger(ms))
    throw malformed(options.source, `${options.where} is not a timestamp (${describe(value)})`);
  return ms;
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : typeof value;
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

/**
 * The schema of a conformance vector file (classic-core.md §8), validated on load so that a
 * malformed file is reported as such instead of as a pile of failed cases.
 */
import { readFileSync } from 'node:fs';
import { isSafeNumber, parse } from 'lossless-json';

/** Parsed JSON; integers beyond 2^53 stay exact as bigint (JSON.parse would round them). */
export type Json = null | boolean | number | bigint | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface VectorCase {
  readonly id: string;
  readonly module: string;
  readonly function: string;
  readonly inputs: JsonObject;
  readonly expected: JsonObject;
}

export class VectorFileError extends Error {
  override readonly name = 'VectorFileError';
}

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function loadVectorFile(path: string): VectorCase[] {
  let parsed: Json;
  try {
    parsed = parse(readFileSync(path, 'utf8'), null, parseNumber) as Json;
  } catch (error) {
    throw new VectorFileError(`cannot read ${path} as JSON: ${(error as Error).message}`);
  }
  if (!isObject(parsed) || !Array.isArray(parsed['cases'])) {
    throw new VectorFileError(`${path}: expected an object with a "cases" array (classic-core.md §8)`);
  }
  return parsed['cases'].map((raw, index) => toCase(raw, `${path}: cases[${index}]`));
}

function parseNumber(text: string): number | bigint {
  if (isSafeNumber(text)) return Number(text);
  return /^-?[0-9]+$/.test(text) ? BigInt(text) : Number(text);
}

function toCase(raw: Json, where: string): VectorCase {
  if (!isObject(raw)) throw new VectorFileError(`${where} is not an object`);
  const { id, module, inputs, expected } = raw;
  const fn = raw['function'];
  if (typeof id !== 'string' || typeof fn !== 'string') {
    throw new VectorFileError(`${where} needs string "id" and "function"`);
  }
  if (!isObject(inputs) || !isObject(expected)) {
    throw new VectorFileError(`${where} (${id}) needs object "inputs" and "expected"`);
  }
  return { id, module: typeof module === 'string' ? module : '', function: fn, inputs, expected };
}

/**
 * Typed access to a case's inputs. A missing or mistyped input throws `InputError`, which the runner
 * reports as a failed case naming the input.
 */
import * as dec from '@marketnode/dec';
import { isObject, type Json, type JsonObject } from './vector-file.js';

export class InputError extends Error {
  override readonly name = 'InputError';
}

export function has(inputs: JsonObject, key: string): boolean {
  return inputs[key] !== undefined;
}

export function text(inputs: JsonObject, key: string): string {
  const value = inputs[key];
  if (typeof value !== 'string') throw new InputError(`input "${key}" must be a string`);
  return value;
}

export function integer(inputs: JsonObject, key: string): bigint {
  const value = inputs[key];
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?[0-9]+$/.test(value)) return BigInt(value);
  throw new InputError(`input "${key}" must be an integer`);
}

export function decimal(inputs: JsonObject, key: string): dec.Dec {
  return dec.parse(text(inputs, key));
}

export function object(inputs: JsonObject, key: string): JsonObject {
  const value = inputs[key];
  if (!isObject(value)) throw new InputError(`input "${key}" must be an object`);
  return value;
}

export function list(inputs: JsonObject, key: string): Json[] {
  const value = inputs[key];
  if (!Array.isArray(value)) throw new InputError(`input "${key}" must be an array`);
  return value;
}

/** `{denom: "<dec>"}` as a map, in key order of the file. */
export function decMap(inputs: JsonObject, key: string): Map<string, dec.Dec> {
  const result = new Map<string, dec.Dec>();
  if (!has(inputs, key)) return result;
  for (const [name, value] of Object.entries(object(inputs, key))) {
    if (typeof value !== 'string') throw new InputError(`input "${key}.${name}" must be a decimal string`);
    result.set(name, dec.parse(value));
  }
  return result;
}

/** `{name: <integer or integer string>}` as a map. */
export function integerMap(inputs: JsonObject, key: string): Map<string, bigint> {
  const result = new Map<string, bigint>();
  for (const name of Object.keys(object(inputs, key))) result.set(name, integer(object(inputs, key), name));
  return result;
}

/**
 * A string input, with the file's placeholder `"<N chars>"` (used where the literal would be too long
 * to print) expanded to N characters.
 */
export function expandedText(inputs: JsonObject, key: string): string {
  const value = text(inputs, key);
  const placeholder = /^<([0-9]+) chars>$/.exec(value);
  return placeholder === null ? value : 'a'.repeat(Number(placeholder[1]));
}

/**
 * Compares one case's actual outcome with its expected values, key by key. Every expected key must
 * have been produced: a key the implementation did not compute is a failure, never a skip.
 *
 * Values compare exactly, after one normalisation: integers computed as bigint match an expected
 * JSON number or decimal string of the same value. `error` objects, at any depth, compare only the
 * keys the case gives (the schema's convention: "compare every key present").
 */
import { isObject, type Json } from './vector-file.js';

export type Actual = null | boolean | number | bigint | string | Actual[] | { [key: string]: Actual };

export interface Mismatch {
  readonly path: string;
  readonly expected: Json | undefined;
  readonly actual: Actual | undefined;
}

export function compareExpected(
  expected: { [key: string]: Json },
  actual: { [key: string]: Actual },
): Mismatch[] {
  const mismatches: Mismatch[] = [];
  for (const [key, want] of Object.entries(expected)) {
    if (!(key in actual)) {
      mismatches.push({ path: key, expected: want, actual: undefined });
      continue;
    }
    compareValue(key, want, actual[key], key === 'error', mismatches);
  }
  return mismatches;
}

function compareValue(
  path: string,
  want: Json,
  got: Actual | undefined,
  subset: boolean,
  out: Mismatch[],
): void {
  if (got === undefined) {
    out.push({ path, expected: want, actual: undefined });
    return;
  }
  if (typeof got === 'bigint' || typeof want === 'bigint') {
    const same = integerText(want) !== undefined && integerText(want) === integerText(got);
    if (!same) out.push({ path, expected: want, actual: got });
    return;
  }
  if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length) {
      out.push({ path, expected: want, actual: got });
      return;
    }
    want.forEach((item, index) => compareValue(`${path}[${index}]`, item, got[index], false, out));
    return;
  }
  if (isObject(want)) {
    if (typeof got !== 'object' || got === null || Array.isArray(got)) {
      out.push({ path, expected: want, actual: got });
      return;
    }
    const keys = subset ? Object.keys(want) : union(Object.keys(want), Object.keys(got));
    for (const key of keys) {
      const wantValue = want[key];
      if (wantValue === undefined)
        out.push({ path: `${path}.${key}`, expected: undefined, actual: got[key] });
      else compareValue(`${path}.${key}`, wantValue, got[key], key === 'error', out);
    }
    return;
  }
  if (want !== got) out.push({ path, expected: want, actual: got });
}

/** The decimal text of an integer-valued JSON number, decimal string or bigint; else undefined. */
function integerText(value: Json | Actual): string | undefined {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value.toString();
  if (typeof value === 'string' && /^-?[0-9]+$/.test(value)) return value;
  return undefined;
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** JSON text of an actual value (bigint printed as a number). */
export function showActual(value: Actual | undefined): string {
  if (value === undefined) return '(not computed)';
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

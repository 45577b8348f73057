/**
 * Strict typed reads from parsed JSON for the genesis file, each failure naming the JSON path and
 * the expected form, so an operator can fix the file from the message alone. Human input is held
 * to the canonical forms: decimals like "0.005" (no sign other than a leading "-", at most 18
 * fractional digits), integers as decimal strings or safe JSON numbers.
 */
import * as dec from '@marketnode/dec';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonRecord = { [key: string]: JsonValue };

export class GenesisError extends Error {
  override readonly name = 'GenesisError';
  readonly code = 'GENESIS_ERR_INVALID';
  constructor(readonly problems: readonly string[]) {
    super(`invalid genesis file:\n  ${problems.join('\n  ')}`);
  }
}

const DECIMAL_TEXT = /^-?[0-9]+(\.[0-9]{1,18})?$/;
const INTEGER_TEXT = /^[0-9]+$/;
/** Identities travel as NATS subject tokens: no dots, wildcards or spaces. */
const IDENTITY_TEXT = /^[A-Za-z0-9_-]{1,128}$/;

/** Collects problems instead of stopping at the first, so one run reports them all. */
export class JsonReader {
  readonly problems: string[] = [];

  record(value: JsonValue | undefined, path: string): JsonRecord {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
    this.problems.push(`${path}: must be an object`);
    return {};
  }

  list(value: JsonValue | undefined, path: string): JsonValue[] {
    if (Array.isArray(value)) return value;
    this.problems.push(`${path}: must be an array`);
    return [];
  }

  decimal(value: JsonValue | undefined, path: string): dec.Dec {
    if (typeof value === 'string' && DECIMAL_TEXT.test(value)) {
      const parsed = dec.tryParse(value);
      if (parsed !== undefined) return parsed;
    }
    this.problems.push(`${path}: must be a decimal string like "0.005" (at most 18 fractional digits)`);
    return dec.ZERO;
  }

  /** A non-negative integer, as a decimal string or a JSON number up to 2^53. */
  integer(value: JsonValue | undefined, path: string): bigint {
    if (typeof value === 'string' && INTEGER_TEXT.test(value)) return BigInt(value);
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
    this.problems.push(`${path}: must be a non-negative integer (a string like "1000000" for large values)`);
    return 0n;
  }

  smallInteger(value: JsonValue | undefined, path: string): number {
    const n = this.integer(value, path);
    if (n <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(n);
    this.problems.push(`${path}: must be below 2^53`);
    return 0;
  }

  boolean(value: JsonValue | undefined, path: string): boolean {
    if (typeof value === 'boolean') return value;
    this.problems.push(`${path}: must be true or false`);
    return false;
  }

  denom(value: JsonValue | undefined, path: string): string {
    if (typeof value === 'string' && dec.DENOM_PATTERN.test(value)) return value;
    this.problems.push(`${path}: must be a denom like "uusd" (a letter, then 2-127 letters, digits, / or -)`);
    return 'invalid';
  }

  identity(value: JsonValue | undefined, path: string): string {
    if (typeof value === 'string' && IDENTITY_TEXT.test(value)) return value;
    this.problems.push(`${path}: must be 1-128 letters, digits, _ or - (it becomes a NATS subject token)`);
    return 'invalid';
  }

  /** Module validators return problem lists; prefix them with the object's path. */
  adopt(problems: readonly string[], path: string): void {
    for (const problem of problems) this.problems.push(`${path}: ${problem}`);
  }
}

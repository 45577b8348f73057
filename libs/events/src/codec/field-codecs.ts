/**
 * Codecs for the fields of commands, events and snapshots: each turns a typed value into its wire
 * form and reads it back, validating the shape and throwing a `DecodeError` naming the path.
 *
 * Encoding trusts its input (it comes from the deterministic core) but asserts what the wire cannot
 * represent, so a value that could not be read back is never written. Decoding trusts nothing.
 */
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';
import { DecodeError } from './decode-error.js';
import { compileWriter, type FieldWriter } from './compiled-writer.js';
import { encodedString, isWellFormed, MsgpackWriter } from './msgpack-writer.js';
import type { WireRecord, WireValue } from './wire.js';

export interface Codec<T> {
  /** The wire value (for embedding, dumps, and the reference encoder). */
  readonly encode: (value: T) => WireValue;
  /** Writes exactly the msgpack bytes of `encode(value)`, without building it (the hot path). */
  readonly write: (writer: MsgpackWriter, value: T) => void;
  readonly decode: (wire: unknown, path: string) => T;
}

export type FieldCodecs<T> = { readonly [K in keyof T]-?: Codec<T[K]> };

const UINT64_LIMIT = 1n << 64n;
/** Longest canonical Dec text: 316 bits is 96 digits, plus sign and point. */
const DEC_TEXT_LENGTH_MAX = 100;
const DEC_TEXT = /^-?(?:0|[1-9][0-9]*)\.[0-9]{18}$/;
/** `sdk.Int` is at most 256 bits: 78 decimal digits. */
const UINT_TEXT_LENGTH_MAX = 78;
const UINT_TEXT = /^(?:0|[1-9][0-9]*)$/;

function describe(wire: unknown): string {
  if (wire === null) return 'null';
  if (Array.isArray(wire)) return 'an array';
  if (wire instanceof Uint8Array) return 'binary';
  if (isWireRecord(wire)) return 'a map';
  if (typeof wire === 'object') return 'an extension value';
  if (typeof wire === 'string') return `the string ${JSON.stringify(wire.slice(0, 40))}`;
  return `${typeof wire} ${String(wire)}`;
}

export function fail(path: string, expected: string, wire: unknown): never {
  throw new DecodeError(path, `expected ${expected}, got ${describe(wire)}`);
}

/** A plain msgpack map (not an array, binary, date or extension). */
export function isWireRecord(wire: unknown): wire is WireRecord {
  if (typeof wire !== 'object' || wire === null || Array.isArray(wire)) return false;
  const prototype: unknown = Object.getPrototypeOf(wire);
  return prototype === Object.prototype || prototype === null;
}

export function expectRecord(wire: unknown, path: string): WireRecord {
  if (!isWireRecord(wire)) fail(path, 'a map', wire);
  return wire;
}

/** The own field `key` of `record`, or a DecodeError naming it when it is missing. */
export function field(record: WireRecord, key: string, path: string): unknown {
  if (!Object.hasOwn(record, key)) throw new DecodeError(`${path}.${key}`, 'missing');
  return record[key];
}

/** Throws naming the first key of `record` outside `keys` (a typo or a field of another schema). */
export function rejectUnknownKeys(record: WireRecord, keys: readonly string[], path: string): void {
  const present = Object.keys(record);
  if (present.length === keys.length) return; // every expected key was found, so no other is there
  const unknown = present.find((key) => !keys.includes(key));
  if (unknown !== undefined) throw new DecodeError(`${path}.${unknown}`, 'unexpected field');
}

/** A Dec as its canonical 18-decimal text (`dec.format`): exact, and readable in a dump. */
export const decCodec: Codec<Dec> = {
  encode: (value) => dec.format(value),
  write: (writer, value) => writer.decText(value),
  decode(wire, path) {
    if (typeof wire !== 'string' || wire.length > DEC_TEXT_LENGTH_MAX || !DEC_TEXT.test(wire)) {
      fail(path, 'a canonical Dec text like "1.500000000000000000"', wire);
    }
    const negative = wire.charCodeAt(0) === 45; // '-'
    const point = wire.length - 19;
    const digits = wire.slice(negative ? 1 : 0, point) + wire.slice(point + 1);
    const scaled = BigInt(digits);
    if (negative && scaled === 0n) fail(path, 'a canonical Dec text (zero has no sign)', wire);
    if (dec.bitLen(scaled) > dec.DEC_BIT_LEN_MAX)
      fail(path, `a Dec of at most ${dec.DEC_BIT_LEN_MAX} bits`, wire);
    return dec.fromScaled(negative ? -scaled : scaled);
  },
};

const UINT_LIMIT = 1n << BigInt(dec.INT_BIT_LEN_MAX);

function uintText(value: bigint): string {
  if (value < 0n || value >= UINT_LIMIT) {
    throw new Error(`assertion failed: ${value} is not an unsigned integer of at most 256 bits`);
  }
  return value.toString();
}

/** A non-negative integer of up to 256 bits (coin amounts, tokens) as canonical decimal text. */
export const uintCodec: Codec<bigint> = {
  encode: uintText,
  write: (writer, value) => writer.string(uintText(value)),
  decode(wire, path) {
    if (typeof wire !== 'string' || wire.length > UINT_TEXT_LENGTH_MAX || !UINT_TEXT.test(wire)) {
      fail(path, 'an unsigned integer as decimal text without leading zeros', wire);
    }
    const value = BigInt(wire);
    if (dec.bitLen(value) > dec.INT_BIT_LEN_MAX) fail(path, 'an integer of at most 256 bits', wire);
    return value;
  },
};

/** Heights, times and counters: a msgpack uint64 (read back from any integer form). */
export const uint64Codec: Codec<bigint> = {
  encode(value) {
    if (value < 0n || value >= UINT64_LIMIT) throw new Error(`assertion failed: ${value} is not a uint64`);
    return value;
  },
  write: (writer, value) => writer.uint64(value),
  decode(wire, path) {
    if (typeof wire === 'bigint' && wire >= 0n && wire < UINT64_LIMIT) return wire;
    if (typeof wire === 'number' && Number.isSafeInteger(wire) && wire >= 0) return BigInt(wire);
    return fail(path, 'an unsigned 64-bit integer', wire);
  },
};

/** A JS number that is a safe non-negative integer (limits from params), written as a uint64. */
function countAsBigInt(value: number): bigint {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`assertion failed: ${value} is not a count`);
  return BigInt(value);
}

export const smallUintCodec: Codec<number> = {
  encode: countAsBigInt,
  write: (writer, value) => writer.uint64(countAsBigInt(value)),
  decode(wire, path) {
    const value = uint64Codec.decode(wire, path);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) fail(path, 'an integer of at most 2^53 - 1', wire);
    return Number(value);
  },
};

export const booleanCodec: Codec<boolean> = {
  encode: (value) => value,
  write: (writer, value) => writer.boolean(value),
  decode(wire, path) {
    if (typeof wire !== 'boolean') fail(path, 'a boolean', wire);
    return wire;
  },
};

/**
 * A string of at most `lengthMax` UTF-16 code units, optionally matching `pattern`, and well formed
 * (a lone surrogate has no UTF-8 form). Checked when written as well as when read: a string that
 * could not be read back is never written.
 */
export function textCodec(options: { readonly lengthMax: number; readonly pattern?: RegExp }): Codec<string> {
  const { lengthMax, pattern } = options;
  const expected =
    pattern === undefined ? `a string of at most ${lengthMax} characters` : `a string matching ${pattern}`;
  const valid = (text: string): boolean =>
    text.length <= lengthMax && (pattern === undefined || pattern.test(text)) && isWellFormed(text);
  return {
    encode(value) {
      if (!valid(value))
        throw new Error(`assertion failed: ${JSON.stringify(value.slice(0, 60))} is not ${expected}`);
      return value;
    },
    write(writer, value) {
      if (!valid(value))
        throw new Error(`assertion failed: ${JSON.stringify(value.slice(0, 60))} is not ${expected}`);
      writer.string(value);
    },
    decode(wire, path) {
      if (typeof wire !== 'string' || !valid(wire)) fail(path, expected, wire);
      return wire;
    },
  };
}

/** One of a fixed set of strings. */
export function oneOfCodec<T extends string>(values: readonly T[]): Codec<T> {
  return {
    encode: (value) => value,
    write: (writer, value) => writer.string(value),
    decode(wire, path) {
      if (typeof wire !== 'string' || !(values as readonly string[]).includes(wire)) {
        fail(path, `one of ${values.join(', ')}`, wire);
      }
      return wire as T;
    },
  };
}

export function listCodec<T>(item: Codec<T>): Codec<readonly T[]> {
  return {
    encode: (values) => values.map((value) => item.encode(value)),
    write(writer, values) {
      writer.arrayHeader(values.length);
      for (const value of values) item.write(writer, value);
    },
    decode(wire, path) {
      if (!Array.isArray(wire)) fail(path, 'an array', wire);
      const values: T[] = new Array<T>(wire.length);
      for (let i = 0; i < wire.length; i += 1) values[i] = item.decode(wire[i], `${path}[${i}]`);
      return values;
    },
  };
}

function mapHeaderBytes(size: number): Uint8Array {
  const writer = new MsgpackWriter();
  writer.mapHeader(size);
  return writer.finish();
}

/** A map with exactly the fields of `fields`, written in their declared order. */
export function recordCodec<T extends object>(fields: FieldCodecs<T>): Codec<T> {
  const keys = Object.keys(fields) as (keyof T & string)[];
  const keyBytes = keys.map(encodedString);
  return {
    encode(value) {
      const wire: Record<string, WireValue> = {};
      for (const key of keys) wire[key] = fields[key].encode(value[key]);
      return wire;
    },
    write: compileWriter<T>({
      headerBytes: mapHeaderBytes(keys.length),
      fieldKeys: keys,
      keyBytes,
      writers: keys.map((key) => fields[key].write as FieldWriter),
    }),
    decode(wire, path) {
      const record = expectRecord(wire, path);
      const value: Record<string, unknown> = {};
      for (const key of keys) value[key] = fields[key].decode(field(record, key, path), `${path}.${key}`);
      rejectUnknownKeys(record, keys, path);
      return value as T;
    },
  };
}

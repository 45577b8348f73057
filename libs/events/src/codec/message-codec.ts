/**
 * Codecs of whole messages (commands, events, snapshots): a `v` (schema version) and a `type`
 * header, then the fields. Decoding reads the header first, upcasts older versions through the
 * registry, then validates the fields against the current schema.
 */
import { DecodeError } from './decode-error.js';
import { expectRecord, field, fail, rejectUnknownKeys, type FieldCodecs } from './field-codecs.js';
import { compileWriter, type FieldWriter } from './compiled-writer.js';
import { encodedString, MsgpackWriter } from './msgpack-writer.js';
import type { WireRecord, WireValue } from './wire.js';
import { SCHEMA_UPCASTERS, type UpcasterRegistry } from '../versioning/upcasters.js';

/** Every message type starts at this version. */
export const SCHEMA_VERSION_FIRST = 1;

export interface MessageCodec<T extends { readonly type: string }> {
  readonly type: T['type'];
  /** The current schema version of this type. */
  readonly version: number;
  readonly encode: (value: T) => WireRecord;
  /** The msgpack bytes of `encode(value)`, written directly. */
  readonly write: (writer: MsgpackWriter, value: T) => void;
  /** Decodes a record already at `version`. */
  readonly decodeCurrent: (record: WireRecord, path: string) => T;
}

export function messageCodec<T extends { readonly type: string }>(
  type: T['type'],
  fields: FieldCodecs<Omit<T, 'type'>>,
): MessageCodec<T> {
  const version = SCHEMA_VERSION_FIRST;
  const fieldKeys = Object.keys(fields) as (keyof Omit<T, 'type'> & string)[];
  const allKeys = ['v', 'type', ...fieldKeys];
  const keyBytes = fieldKeys.map(encodedString);
  const headerBytes = headerOf({ version, type, fieldCount: fieldKeys.length });
  return {
    type,
    version,
    encode(value) {
      const wire: Record<string, WireValue> = { v: version, type };
      for (const key of fieldKeys) wire[key] = fields[key].encode(value[key] as T[typeof key]);
      return wire;
    },
    write: compileWriter<T>({
      headerBytes,
      fieldKeys,
      keyBytes,
      writers: fieldKeys.map((key) => fields[key].write as FieldWriter),
    }),
    decodeCurrent(record, path) {
      const value: Record<string, unknown> = { type };
      for (const key of fieldKeys)
        value[key] = fields[key].decode(field(record, key, path), `${path}.${key}`);
      rejectUnknownKeys(record, allKeys, path);
      return value as T;
    },
  };
}

/** The map header and the `v` and `type` entries: the same bytes for every message of a type. */
function headerOf(options: {
  readonly version: number;
  readonly type: string;
  readonly fieldCount: number;
}): Uint8Array {
  const writer = new MsgpackWriter();
  writer.mapHeader(options.fieldCount + 2);
  writer.string('v');
  writer.smallUint(options.version);
  writer.string('type');
  writer.string(options.type);
  return writer.finish();
}

/** The schema version of a record (`v`): a small non-negative integer. */
function versionOf(record: WireRecord, path: string): number {
  const v = field(record, 'v', path);
  const version = typeof v === 'bigint' && v < 1_000_000n ? Number(v) : v;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
    fail(`${path}.v`, 'a schema version (a small non-negative integer)', v);
  }
  return version;
}

/**
 * Decodes one message of any type in `codecs` (keyed by type), upcasting it to the current version
 * of its type first.
 */
export function decodeMessage<T extends { readonly type: string }>(
  codecs: ReadonlyMap<string, MessageCodec<T>>,
  wire: unknown,
  options: { readonly path: string; readonly upcasters?: UpcasterRegistry | undefined },
): T {
  const { path } = options;
  let record = expectRecord(wire, path);
  const type = field(record, 'type', path);
  const codec = typeof type === 'string' ? codecs.get(type) : undefined;
  if (codec === undefined) {
    return fail(`${path}.type`, `one of ${[...codecs.keys()].join(', ')}`, type);
  }
  let version = versionOf(record, path);
  if (version > codec.version) {
    throw new DecodeError(
      `${path}.v`,
      `${codec.type} schema version ${version} is newer than this build's ${codec.version}: upgrade marketnode`,
    );
  }
  while (version < codec.version) {
    record = upcastOnce({ record, type: codec.type, version, path, upcasters: options.upcasters });
    version += 1;
  }
  return codec.decodeCurrent(record, path);
}

function upcastOnce(options: {
  readonly record: WireRecord;
  readonly type: string;
  readonly version: number;
  readonly path: string;
  readonly upcasters: UpcasterRegistry | undefined;
}): WireRecord {
  const { record, type, version, path } = options;
  const upcaster = (options.upcasters ?? SCHEMA_UPCASTERS).find(type, version);
  if (upcaster === undefined) throw new DecodeError(`${path}.v`, `no upcaster from ${type} v${version}`);
  let upcast: unknown;
  try {
    upcast = upcaster.upcast(record);
  } catch (error) {
    // The old entry is untrusted data: an upcaster that cannot read it reports it like any decoder.
    throw new DecodeError(path, `upcasting ${type} v${version} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const next = expectRecord(upcast, path);
  if (next['type'] !== type || versionOf(next, path) !== version + 1) {
    throw new Error(
      `assertion failed: the upcaster from ${type} v${version} must return ${type} v${version + 1}`,
    );
  }
  return next;
}

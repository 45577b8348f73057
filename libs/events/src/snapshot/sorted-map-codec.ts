/**
 * Maps in a snapshot: a list of entries sorted by key, so the bytes never depend on the order in
 * which the live Map happened to be filled. Reading back insists on strictly ascending keys: a
 * snapshot that is not canonical is not one this lib wrote.
 */
import { compareStrings } from '@marketnode/staking';
import { DecodeError } from '../codec/decode-error.js';
import { fail, type Codec } from '../codec/field-codecs.js';
import type { WireValue } from '../codec/wire.js';

export interface SortedEntries<V, E> {
  readonly entry: Codec<E>;
  readonly toEntry: (key: string, value: V) => E;
  readonly keyOf: (entry: E) => string;
  readonly valueOf: (entry: E) => V;
}

export function sortedMapCodec<V, E>(options: SortedEntries<V, E>): Codec<Map<string, V>> {
  const { entry, toEntry, keyOf, valueOf } = options;
  return {
    encode(map) {
      const keys = [...map.keys()].sort(compareStrings);
      const wire: WireValue[] = new Array<WireValue>(keys.length);
      for (let i = 0; i < keys.length; i += 1) {
        const key = keys[i] as string;
        wire[i] = entry.encode(toEntry(key, map.get(key) as V));
      }
      return wire;
    },
    write(writer, map) {
      const keys = [...map.keys()].sort(compareStrings);
      writer.arrayHeader(keys.length);
      for (const key of keys) entry.write(writer, toEntry(key, map.get(key) as V));
    },
    decode(wire, path) {
      if (!Array.isArray(wire)) fail(path, 'an array of entries sorted by key', wire);
      const map = new Map<string, V>();
      let previousKey: string | undefined;
      for (let i = 0; i < wire.length; i += 1) {
        const decoded = entry.decode(wire[i], `${path}[${i}]`);
        const key = keyOf(decoded);
        if (previousKey !== undefined && compareStrings(previousKey, key) >= 0) {
          throw new DecodeError(
            `${path}[${i}]`,
            `key "${key}" is not after "${previousKey}" (entries must be sorted)`,
          );
        }
        map.set(key, valueOf(decoded));
        previousKey = key;
      }
      return map;
    },
  };
}

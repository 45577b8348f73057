/**
 * Schema versions and upcasting. Every encoded command, event and snapshot carries `v`, the
 * version of its own type's schema. Entries in the log are never rewritten: an entry written under
 * an older schema is upcast on read, one version at a time, by the upcasters registered for its
 * type, and then validated against the current schema like any other.
 */
import type { WireRecord } from '../codec/wire.js';

/** Turns a `type` entry of version `fromVersion` into the same entry at `fromVersion + 1`. */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  /** Receives an unvalidated record (it comes from storage); may throw on one it cannot read. */
  readonly upcast: (entry: WireRecord) => WireRecord;
}

export class UpcasterRegistry {
  readonly #byKey = new Map<string, Upcaster>();

  constructor(upcasters: readonly Upcaster[]) {
    for (const upcaster of upcasters) {
      const key = `${upcaster.type}@${upcaster.fromVersion}`;
      if (this.#byKey.has(key)) throw new Error(`assertion failed: two upcasters for ${key}`);
      this.#byKey.set(key, upcaster);
    }
  }

  find(type: string, fromVersion: number): Upcaster | undefined {
    return this.#byKey.get(`${type}@${fromVersion}`);
  }
}

/** Every schema is at its first version, so there is nothing to upcast yet. */
export const SCHEMA_UPCASTERS = new UpcasterRegistry([]);

export interface DecodeOptions {
  /** Defaults to `SCHEMA_UPCASTERS`. */
  readonly upcasters?: UpcasterRegistry | undefined;
}

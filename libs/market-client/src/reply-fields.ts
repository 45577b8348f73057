/**
 * Strict reads of the fields of a decoded reply, each failure naming the subject and the field's
 * path. The engine writes amounts two ways (nats-kit's bigint for query answers, canonical decimal
 * text inside log events such as `SwapExecuted`), so an amount is read from either and returned as a
 * bigint. `Dec` values stay the canonical 18-decimal text they travel as: exact, printable, and
 * `dec.parse` turns them into numbers when arithmetic is needed.
 */
import * as dec from '@marketnode/dec';
import type { Coin } from '@marketnode/dec';
import { integerOf } from '@marketnode/nats-kit';
import { UnexpectedReplyError } from './client-errors.js';

export type FieldRecord = Readonly<Record<string, unknown>>;

const INTEGER_TEXT = /^(0|[1-9][0-9]*)$/;
/** The reference's `sdk.Int` is at most 256 bits; anything wider is not an amount of this node. */
const AMOUNT_BITS_MAX = 256;

export class ReplyFields {
  constructor(readonly subject: string) {}

  fail(path: string, problem: string): never {
    throw new UnexpectedReplyError(this.subject, path, problem);
  }

  record(value: unknown, path: string): FieldRecord {
    if (
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      !(value instanceof Uint8Array)
    )
      return value as FieldRecord;
    return this.fail(path, 'expected a map');
  }

  list(value: unknown, path: string): readonly unknown[] {
    return Array.isArray(value) ? value : this.fail(path, 'expected a list');
  }

  text(value: unknown, path: string): string {
    return typeof value === 'string' ? value : this.fail(path, 'expected a string');
  }

  boolean(value: unknown, path: string): boolean {
    return typeof value === 'boolean' ? value : this.fail(path, 'expected a boolean');
  }

  /** A non-negative integer: a msgpack integer, nats-kit's bigint, or canonical decimal text. */
  amount(value: unknown, path: string): bigint {
    const integer = typeof value === 'string' && INTEGER_TEXT.test(value) ? BigInt(value) : integerOf(value);
    if (integer === undefined || integer < 0n || integer >= 1n << BigInt(AMOUNT_BITS_MAX))
      return this.fail(path, 'expected a non-negative integer of at most 256 bits');
    return integer;
  }

  /** A Dec in its canonical text (`dec.format`), checked by parsing and formatting it back. */
  decText(value: unknown, path: string): string {
    if (typeof value === 'string') {
      const parsed = dec.tryParse(value);
      if (parsed !== undefined && dec.format(parsed) === value) return value;
    }
    return this.fail(path, 'expected a decimal in canonical 18-decimal text');
  }

  coin(value: unknown, path: string): Coin {
    const fields = this.record(value, path);
    return {
      denom: this.text(fields['denom'], `${path}.denom`),
      amount: this.amount(fields['amount'], `${path}.amount`),
    };
  }

  /** `{ denom: amount }`, keys sorted so the result prints the same whatever order it came in. */
  amountsByDenom(value: unknown, path: string): Readonly<Record<string, bigint>> {
    return this.mapValues(value, path, (item, itemPath) => this.amount(item, itemPath));
  }

  /** `{ denom: dec text }`, keys sorted. */
  decsByDenom(value: unknown, path: string): Readonly<Record<string, string>> {
    return this.mapValues(value, path, (item, itemPath) => this.decText(item, itemPath));
  }

  /** Lowercase hex, from bytes or from text that already is hex. */
  hex(value: unknown, path: string): string {
    if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
    if (typeof value === 'string' && /^([0-9a-f]{2})*$/.test(value)) return value;
    return this.fail(path, 'expected bytes or lowercase hex text');
  }

  private mapValues<T>(
    value: unknown,
    path: string,
    read: (item: unknown, itemPath: string) => T,
  ): Readonly<Record<string, T>> {
    const fields = this.record(value, path);
    const keys = Object.keys(fields).sort();
    return Object.fromEntries(keys.map((key) => [key, read(fields[key], `${path}.${key}`)]));
  }
}

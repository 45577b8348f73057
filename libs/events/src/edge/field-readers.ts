/**
 * Reading the fields of an untrusted payload. A reader throws a `DecodeError` naming the field;
 * `guardEdge` turns it into an `EDGE_ERR_INVALID_FIELD` rejection, so the parsers never throw.
 */
import { fail as failResult, ok, reject, type Result, REJECTIONS } from '@marketnode/errors';
import { DecodeError } from '../codec/decode-error.js';
import { expectRecord, fail, field } from '../codec/field-codecs.js';
import { isWellFormed } from '../codec/msgpack-writer.js';
import type { WireRecord } from '../codec/wire.js';
import { IDENTITY_PATTERN } from '../limits.js';

/** An offer has at most 100 bits (`MsgSwap.ValidateBasic`); larger is refused before the log. */
export const AMOUNT_LIMIT = 1n << 100n;
const AMOUNT_TEXT = /^-?(?:0|[1-9][0-9]*)$/;
/** 2^100 has 31 digits; a sign and a few more leave room to report "too large" rather than "not a number". */
const AMOUNT_TEXT_LENGTH_MAX = 40;
/** Fields that name who is acting: the transport says who that is, never the payload. */
const IDENTITY_FIELDS = ['trader', 'feeder', 'validator', 'operator', 'sender', 'from', 'signer'];

/** Runs `parse`, turning a field problem into the `EDGE_ERR_INVALID_FIELD` rejection that names it. */
export function guardEdge<T>(parse: () => T): Result<T> {
  try {
    return ok(parse());
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    return failResult(reject(REJECTIONS.invalidField, `${error.path}: ${error.problem}`));
  }
}

/** A map with no fields outside `allowed`; an identity field gets a message saying why it is refused. */
export function readRecord(value: unknown, path: string, allowed: readonly string[]): WireRecord {
  const record = expectRecord(value, path);
  for (const key of Object.keys(record)) {
    if (allowed.includes(key)) continue;
    if (IDENTITY_FIELDS.includes(key)) {
      throw new DecodeError(
        `${path}.${key}`,
        'identity comes from the subject the message was sent on; remove it',
      );
    }
    throw new DecodeError(`${path}.${key}`, `unexpected field (expected only ${allowed.join(', ')})`);
  }
  return record;
}

export function readText(
  record: WireRecord,
  key: string,
  path: string,
  options: { readonly lengthMax: number },
): string {
  const value = field(record, key, path);
  if (typeof value !== 'string') fail(`${path}.${key}`, 'a string', value);
  if (value.length > options.lengthMax) {
    throw new DecodeError(`${path}.${key}`, `longer than ${options.lengthMax} characters`);
  }
  // Invalid UTF-8 on the wire decodes to a lone surrogate, which has no UTF-8 form to log.
  if (!isWellFormed(value)) throw new DecodeError(`${path}.${key}`, 'not valid UTF-8 text');
  return value;
}

export function readMatching(record: WireRecord, key: string, path: string, pattern: RegExp): string {
  const value = field(record, key, path);
  if (typeof value !== 'string' || !pattern.test(value))
    fail(`${path}.${key}`, `a string matching ${pattern}`, value);
  return value;
}

export function readIdentity(record: WireRecord, key: string, path: string): string {
  return readMatching(record, key, path, IDENTITY_PATTERN);
}

/** The identity the engine derived from the subject: checked like any field, since a subject token is client text. */
export function checkTransportIdentity(identity: string, role: string): string {
  if (!IDENTITY_PATTERN.test(identity)) {
    throw new DecodeError(`${role} (from the subject)`, `must match ${IDENTITY_PATTERN}`);
  }
  return identity;
}

export function readKnownDenom(
  record: WireRecord,
  key: string,
  path: string,
  knownDenoms: ReadonlySet<string>,
): string {
  const value = field(record, key, path);
  if (typeof value !== 'string') fail(`${path}.${key}`, 'a denom string', value);
  if (!knownDenoms.has(value)) {
    const known = [...knownDenoms].sort().join(', ');
    throw new DecodeError(
      `${path}.${key}`,
      `unknown denom ${JSON.stringify(value.slice(0, 40))} (known: ${known})`,
    );
  }
  return value;
}

/**
 * An amount in micro units: decimal digits in a string (any size a client can express), or an
 * integer (a safe-integer number or a msgpack int64). Never negative, below 2^100.
 */
export function readAmount(record: WireRecord, key: string, path: string): bigint {
  const value = field(record, key, path);
  const at = `${path}.${key}`;
  let amount: bigint;
  if (typeof value === 'string') {
    if (value.length > AMOUNT_TEXT_LENGTH_MAX || !AMOUNT_TEXT.test(value)) {
      fail(at, 'an integer amount as decimal digits without leading zeros', value);
    }
    amount = BigInt(value);
  } else if (typeof value === 'number') {
    if (!Number.isInteger(value)) fail(at, 'an integer amount', value);
    if (!Number.isSafeInteger(value))
      throw new DecodeError(at, 'above 2^53 as a number: send it as a decimal string');
    amount = BigInt(value);
  } else if (typeof value === 'bigint') {
    amount = value;
  } else {
    return fail(at, 'an integer amount (a number or decimal digits in a string)', value);
  }
  if (amount < 0n) throw new DecodeError(at, 'must not be negative');
  if (amount >= AMOUNT_LIMIT)
    throw new DecodeError(at, 'must be below 2^100 (an offer has at most 100 bits)');
  return amount;
}

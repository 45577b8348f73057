/**
 * The canonical text of a Dec and the reference's exact parser (`Dec.String`, `NewDecFromStr`).
 * The canonical string is what is hashed, emitted in events and sent on the wire.
 */
import { DEC_PARSE_BIT_LEN_MAX, PRECISION, type Dec } from './dec.js';

const FRACTION_ZEROS = '0'.repeat(PRECISION);
const PARSE_MAGNITUDE_LIMIT = 1n << BigInt(DEC_PARSE_BIT_LEN_MAX);

/** `Dec.String()`: an optional `-`, the integer part, `.`, and exactly 18 fractional digits. */
export function format(d: Dec): string {
  const negative = d < 0n;
  const digits = (negative ? -d : d).toString();
  let text: string;
  if (digits.length <= PRECISION) {
    text = '0.' + FRACTION_ZEROS.slice(digits.length) + digits;
  } else {
    const point = digits.length - PRECISION;
    text = digits.slice(0, point) + '.' + digits.slice(point);
  }
  return negative ? '-' + text : text;
}

/** Why a string is not a Dec. */
export class DecParseError extends Error {
  override readonly name = 'DecParseError';
}

/**
 * `NewDecFromStr`, reproducing its quirks: one leading `-` is stripped first, and the remaining
 * digits go through Go's `big.Int.SetString`, which also accepts one sign of its own (so `+1` and
 * even `--1` parse). At most 18 fractional digits; neither part may be empty when a `.` is present;
 * the scaled integer may not exceed 256 bits.
 */
export function parse(text: string): Dec {
  if (text.length === 0) throw new DecParseError('decimal string cannot be empty');
  let rest = text;
  const negative = rest.startsWith('-');
  if (negative) rest = rest.slice(1);
  if (rest.length === 0) throw new DecParseError('decimal string cannot be empty');

  const parts = rest.split('.');
  if (parts.length > 2) throw new DecParseError(`invalid decimal string: ${text}`);
  let combined = parts[0] as string;
  let fractionLength = 0;
  if (parts.length === 2) {
    const fraction = parts[1] as string;
    fractionLength = fraction.length;
    if (fractionLength === 0 || combined.length === 0) {
      throw new DecParseError(`invalid decimal length: ${text}`);
    }
    combined += fraction;
  }
  if (fractionLength > PRECISION) {
    throw new DecParseError(`invalid precision; max: ${PRECISION}, got: ${fractionLength}`);
  }
  combined += FRACTION_ZEROS.slice(fractionLength);

  let scaled = goSetString10(combined, text);
  if (scaled >= PARSE_MAGNITUDE_LIMIT || -scaled >= PARSE_MAGNITUDE_LIMIT) {
    throw new DecParseError(`decimal out of range; max ${DEC_PARSE_BIT_LEN_MAX} bits: ${text}`);
  }
  if (negative) scaled = -scaled;
  return scaled as Dec;
}

const GO_DECIMAL_INTEGER = /^[+-]?[0-9]+$/;

/** Go's `new(big.Int).SetString(s, 10)`: one optional sign, then one or more decimal digits. */
function goSetString10(digits: string, original: string): bigint {
  if (!GO_DECIMAL_INTEGER.test(digits)) throw new DecParseError(`failed to set decimal string: ${original}`);
  return BigInt(digits);
}

/** Parses, returning undefined instead of throwing: for validation at the edge. */
export function tryParse(text: string): Dec | undefined {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof DecParseError) return undefined;
    throw error;
  }
}

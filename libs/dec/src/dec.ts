/**
 * `sdk.Dec` of cosmos-sdk v0.44.5-terra.2 (`types/decimal.go`): a signed big integer `i` whose
 * value is `i / 10^18`. Every operation below applies exactly the rounding rule of the reference
 * (spec `classic-core.md` §2.2), including the two-step rounding of `Quo`.
 *
 * A Dec is a branded `bigint`, so that the hot path allocates nothing beyond the bigints the
 * arithmetic itself produces, and so that the compiler refuses to mix a Dec with an integer amount.
 */
import { DecDivisionByZeroPanic, DecOverflowPanic } from './panics.js';

declare const decBrand: unique symbol;
/** A fixed-point decimal with 18 fractional digits, stored as its scaled integer. */
export type Dec = bigint & { readonly [decBrand]: true };

/** Number of fractional decimal digits. */
export const PRECISION = 18;
/** 10^18: the scale of a Dec. */
export const SCALE = 10n ** 18n;
const SCALE_SQUARED = SCALE * SCALE;
const HALF_SCALE = SCALE / 2n;

/** Dec arithmetic results may carry up to 256 + 60 bits (v0.44); one more bit panics. */
export const DEC_BIT_LEN_MAX = 316;
/** Parsing a string, or reading one from the store, accepts at most 256 bits. */
export const DEC_PARSE_BIT_LEN_MAX = 256;
const DEC_MAGNITUDE_LIMIT = 1n << BigInt(DEC_BIT_LEN_MAX);
const DEC_MAGNITUDE_LIMIT_NEGATED = -DEC_MAGNITUDE_LIMIT;

export const ZERO = 0n as Dec;
export const ONE = SCALE as Dec;

/** Reinterprets a scaled integer as a Dec. The caller guarantees it is already scaled. */
export function fromScaled(i: bigint): Dec {
  return i as Dec;
}

/** `NewDec(n)` / `NewDecFromInt(n)`: the integer n as a Dec. */
export function fromInt(n: bigint | number): Dec {
  return checked(BigInt(n) * SCALE, 'NewDecFromInt');
}

/** `NewDecWithPrec(n, p)`: n · 10^-p. */
export function fromIntWithPrec(n: bigint | number, prec: number): Dec {
  if (!Number.isInteger(prec) || prec < 0 || prec > PRECISION) {
    throw new RangeError(`precision must be an integer in [0, ${PRECISION}], got ${prec}`);
  }
  return checked(BigInt(n) * 10n ** BigInt(PRECISION - prec), 'NewDecWithPrec');
}

function checked(i: bigint, operation: string): Dec {
  // Compared with both bounds: negating `i` would allocate a bigint on every operation.
  if (i >= DEC_MAGNITUDE_LIMIT || i <= DEC_MAGNITUDE_LIMIT_NEGATED) throw new DecOverflowPanic(operation);
  return i as Dec;
}

/** Bit length of |i|, as Go's `big.Int.BitLen`. */
export function bitLen(i: bigint): number {
  const magnitude = i < 0n ? -i : i;
  return magnitude === 0n ? 0 : magnitude.toString(2).length;
}

/** Half-to-even rounding of `x / 10^18` on the magnitude, sign re-applied (`chopPrecisionAndRound`). */
export function chopRound(x: bigint): bigint {
  if (x < 0n) return -chopRoundNonNegative(-x);
  return chopRoundNonNegative(x);
}

function chopRoundNonNegative(x: bigint): bigint {
  const quotient = x / SCALE;
  const remainder = x % SCALE;
  if (remainder < HALF_SCALE) return quotient;
  if (remainder > HALF_SCALE) return quotient + 1n;
  return (quotient & 1n) === 0n ? quotient : quotient + 1n;
}

/** `x / 10^18` truncated toward zero (`chopPrecisionAndTruncate`). */
export function chopTrunc(x: bigint): bigint {
  return x / SCALE;
}

/** Ceiling of `x / 10^18` for x ≥ 0; toward zero for x < 0 (`chopPrecisionAndRoundUp`). */
export function chopRoundUp(x: bigint): bigint {
  if (x < 0n) return -(-x / SCALE);
  const quotient = x / SCALE;
  return quotient * SCALE === x ? quotient : quotient + 1n;
}

export function add(a: Dec, b: Dec): Dec {
  return checked(a + b, 'Add');
}

export function sub(a: Dec, b: Dec): Dec {
  return checked(a - b, 'Sub');
}

/** `a.Mul(b)`: product rounded half-to-even at 18 digits. */
export function mul(a: Dec, b: Dec): Dec {
  return checked(chopRound(a * b), 'Mul');
}

/** `a.MulTruncate(b)`: product truncated toward zero at 18 digits. */
export function mulTruncate(a: Dec, b: Dec): Dec {
  return checked(chopTrunc(a * b), 'MulTruncate');
}

/** `a.MulInt(n)` / `a.MulInt64(n)`: exact. */
export function mulInt(a: Dec, n: bigint): Dec {
  return checked(a * n, 'MulInt');
}

/**
 * `a.Quo(b)`: `chopRound(tquo(a·10^36, b))`. Two-step rounding: the quotient is truncated at 36
 * digits before it is rounded at 18, so it is not always the correctly rounded quotient.
 */
export function quo(a: Dec, b: Dec): Dec {
  if (b === 0n) throw new DecDivisionByZeroPanic('Quo');
  return checked(chopRound((a * SCALE_SQUARED) / b), 'Quo');
}

/** `a.QuoTruncate(b)`: `chopTrunc(tquo(a·10^36, b))`. */
export function quoTruncate(a: Dec, b: Dec): Dec {
  if (b === 0n) throw new DecDivisionByZeroPanic('QuoTruncate');
  return checked(chopTrunc((a * SCALE_SQUARED) / b), 'QuoTruncate');
}

/** `a.QuoRoundUp(b)`: `chopRoundUp(tquo(a·10^36, b))`. */
export function quoRoundUp(a: Dec, b: Dec): Dec {
  if (b === 0n) throw new DecDivisionByZeroPanic('QuoRoundUp');
  return checked(chopRoundUp((a * SCALE_SQUARED) / b), 'QuoRoundUp');
}

/** `a.QuoInt(n)` / `a.QuoInt64(n)`: `tquo(a.i, n)`, truncation toward zero; it cannot grow. */
export function quoInt(a: Dec, n: bigint): Dec {
  if (n === 0n) throw new DecDivisionByZeroPanic('QuoInt');
  return (a / n) as Dec;
}

/** `a.TruncateInt()`: the integer part, toward zero. */
export function truncateInt(a: Dec): bigint {
  return a / SCALE;
}

/** `a.RoundInt()`: rounded half-to-even (0.5 → 0, 1.5 → 2, −2.5 → −2). */
export function roundInt(a: Dec): bigint {
  return chopRound(a);
}

/** `a.Ceil()`: the smallest integer ≥ a, as a Dec (−4.7 → −4). */
export function ceil(a: Dec): Dec {
  const quotient = a / SCALE;
  const remainder = a - quotient * SCALE;
  if (remainder <= 0n) return (quotient * SCALE) as Dec;
  return ((quotient + 1n) * SCALE) as Dec;
}

export function neg(a: Dec): Dec {
  return -a as Dec;
}

export function abs(a: Dec): Dec {
  return (a < 0n ? -a : a) as Dec;
}

export function min(a: Dec, b: Dec): Dec {
  return a < b ? a : b;
}

export function max(a: Dec, b: Dec): Dec {
  return a > b ? a : b;
}

export function isPositive(a: Dec): boolean {
  return a > 0n;
}

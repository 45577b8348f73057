/**
 * The one place the reference uses floating point: the standard deviation's square root
 * (`strconv.ParseFloat(var.String())`, `math.Sqrt`, `fmt.Sprintf("%f")`, `NewDecFromStr`). Both
 * conversions are done exactly with bigints from the IEEE-754 bits, so that the result does not
 * rest on the engine's decimal conversion: JavaScript's `toFixed` rounds ties up and switches to
 * exponent form at 1e21, while Go's `%f` rounds half to even on the exact binary value.
 */
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';

const MANTISSA_BITS = 52n;
const HIDDEN_BIT = 1n << MANTISSA_BITS;
const EXPONENT_BIAS = 1023n;
const bits = new DataView(new ArrayBuffer(8));

/** `numerator / denominator` (both > 0) rounded half to even to the nearest binary64. */
function positiveRatioToFloat64(numerator: bigint, denominator: bigint): number {
  let exponent = BigInt(dec.bitLen(numerator) - dec.bitLen(denominator)) - (MANTISSA_BITS + 1n);
  for (;;) {
    const scaledNumerator = exponent < 0n ? numerator << -exponent : numerator;
    const scaledDenominator = exponent > 0n ? denominator << exponent : denominator;
    let mantissa = scaledNumerator / scaledDenominator;
    if (mantissa >= HIDDEN_BIT << 1n) {
      exponent += 1n;
      continue;
    }
    const twiceRemainder = (scaledNumerator - mantissa * scaledDenominator) * 2n;
    if (
      twiceRemainder > scaledDenominator ||
      (twiceRemainder === scaledDenominator && (mantissa & 1n) === 1n)
    ) {
      mantissa += 1n;
    }
    if (mantissa === HIDDEN_BIT << 1n) {
      mantissa = HIDDEN_BIT;
      exponent += 1n;
    }
    return composeFloat64(mantissa, exponent);
  }
}

/** mantissa · 2^exponent for a normal number with 2^52 ≤ mantissa < 2^53. */
function composeFloat64(mantissa: bigint, exponent: bigint): number {
  const biased = exponent + MANTISSA_BITS + EXPONENT_BIAS;
  if (biased <= 0n || biased >= 2047n)
    throw new RangeError('assertion failed: float64 out of the normal range');
  bits.setBigUint64(0, (biased << MANTISSA_BITS) | (mantissa - HIDDEN_BIT));
  return bits.getFloat64(0);
}

/** `strconv.ParseFloat(d.String(), 64)`: the Dec correctly rounded to binary64. */
export function decToFloat64(value: Dec): number {
  if (value === dec.ZERO) return 0;
  const magnitude = positiveRatioToFloat64(value < 0n ? -value : value, dec.SCALE);
  return value < 0n ? -magnitude : magnitude;
}

/** The exact value of a finite binary64 as `mantissa · 2^exponent` (mantissa signed). */
function decomposeFloat64(value: number): { mantissa: bigint; exponent: bigint } {
  bits.setFloat64(0, value);
  const raw = bits.getBigUint64(0);
  const negative = raw >> 63n === 1n;
  const biased = (raw >> MANTISSA_BITS) & 0x7ffn;
  const fraction = raw & (HIDDEN_BIT - 1n);
  const mantissa = biased === 0n ? fraction : fraction | HIDDEN_BIT;
  const exponent = (biased === 0n ? 1n : biased) - EXPONENT_BIAS - MANTISSA_BITS;
  return { mantissa: negative ? -mantissa : mantissa, exponent };
}

/**
 * `value · 10^decimals` rounded half to even on the exact binary value: the digits Go's
 * `fmt.Sprintf("%.<decimals>f", value)` prints, as one integer.
 */
export function float64ToScaledHalfEven(value: number, decimals: number): bigint {
  if (!Number.isFinite(value)) throw new RangeError(`assertion failed: ${value} is not finite`);
  const { mantissa, exponent } = decomposeFloat64(value);
  const scaled = mantissa * 10n ** BigInt(decimals);
  if (exponent >= 0n) return scaled << exponent;
  const magnitude = scaled < 0n ? -scaled : scaled;
  const denominator = 1n << -exponent;
  let quotient = magnitude >> -exponent;
  const twiceRemainder = (magnitude - quotient * denominator) * 2n;
  if (twiceRemainder > denominator || (twiceRemainder === denominator && (quotient & 1n) === 1n))
    quotient += 1n;
  return scaled < 0n ? -quotient : quotient;
}

/** Go's `fmt.Sprintf("%f", value)` for a finite value: 6 decimals, never an exponent. */
export function formatGoFixed6(value: number): string {
  const micros = float64ToScaledHalfEven(value, 6);
  const negative = value < 0 || Object.is(value, -0);
  const digits = (micros < 0n ? -micros : micros).toString().padStart(7, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -6)}.${digits.slice(-6)}`;
}

const MICROS_TO_DEC = 10n ** 12n;

/**
 * `NewDecFromStr(fmt.Sprintf("%f", math.Sqrt(ParseFloat(value.String()))))`: the square root via
 * binary64, rounded to 6 decimals. `value` must be ≥ 0 (a variance).
 */
export function sqrtViaFloat(value: Dec): Dec {
  if (value < 0n) throw new RangeError('assertion failed: square root of a negative Dec');
  const root = Math.sqrt(decToFloat64(value));
  return dec.fromScaled(float64ToScaledHalfEven(root, 6) * MICROS_TO_DEC);
}

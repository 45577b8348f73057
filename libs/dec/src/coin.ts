/**
 * Coins: an integer amount of micro units (`sdk.Coin`) or a Dec amount (`sdk.DecCoin`) of a denom,
 * with the reference's text forms `"16660usdr"` and `"1700.000000000000000000usdr"`.
 */
import { fromScaled, SCALE, type Dec } from './dec.js';
import { format as formatDec, parse as parseDec } from './dec-string.js';

export interface Coin {
  readonly denom: string;
  /** Integer micro units. */
  readonly amount: bigint;
}

export interface DecCoin {
  readonly denom: string;
  readonly amount: Dec;
}

/** `sdk.Int` allows up to 256 bits. */
export const INT_BIT_LEN_MAX = 256;

/**
 * The denom rule of cosmos-sdk v0.44 (`reDnmString`): a letter, then 2 to 127 letters, digits, `/`
 * or `-`. (Later SDKs also allow `:._`; the reference does not.)
 */
export const DENOM_PATTERN = /^[a-zA-Z][a-zA-Z0-9/-]{2,127}$/;
const COIN_PATTERN = /^([0-9]+)[ \t\n\r\v\f]*([a-zA-Z][a-zA-Z0-9/-]{2,127})$/;
const DEC_COIN_PATTERN = /^([0-9]+(?:\.[0-9]+)?)[ \t\n\r\v\f]*([a-zA-Z][a-zA-Z0-9/-]{2,127})$/;

export class CoinParseError extends Error {
  override readonly name = 'CoinParseError';
}

export function coin(denom: string, amount: bigint): Coin {
  return { denom, amount };
}

export function decCoin(denom: string, amount: Dec): DecCoin {
  return { denom, amount };
}

/** `Coin.String()`: `<int><denom>`. */
export function formatCoin(c: Coin): string {
  return `${c.amount}${c.denom}`;
}

/** `DecCoin.String()`: `<18-decimal><denom>`. */
export function formatDecCoin(c: DecCoin): string {
  return `${formatDec(c.amount)}${c.denom}`;
}

/** `sdk.ParseCoinNormalized` for integer coins: `<digits><denom>`, surrounding space trimmed. */
export function parseCoin(text: string): Coin {
  const match = COIN_PATTERN.exec(text.trim());
  if (match === null) throw new CoinParseError(`invalid coin expression: ${text}`);
  return { amount: BigInt(match[1] as string), denom: match[2] as string };
}

/** `sdk.ParseDecCoin`: `<digits[.digits]><denom>`, no sign, surrounding space trimmed. */
export function parseDecCoin(text: string): DecCoin {
  const match = DEC_COIN_PATTERN.exec(text.trim());
  if (match === null) throw new CoinParseError(`invalid decimal coin expression: ${text}`);
  return { amount: parseDec(match[1] as string), denom: match[2] as string };
}

/** A Coin as a DecCoin of the same value. */
export function toDecCoin(c: Coin): DecCoin {
  return { denom: c.denom, amount: fromScaled(c.amount * SCALE) };
}

/** `DecCoin.TruncateDecimal()`: the integer coin and the fractional remainder (both ≥ 0 for ≥ 0). */
export function truncateDecimal(c: DecCoin): { readonly coin: Coin; readonly change: DecCoin } {
  const whole = c.amount / SCALE;
  return {
    coin: { denom: c.denom, amount: whole },
    change: { denom: c.denom, amount: fromScaled(c.amount - whole * SCALE) },
  };
}

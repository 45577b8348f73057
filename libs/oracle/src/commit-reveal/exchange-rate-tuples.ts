/**
 * `ParseExchangeRateTuples`: the vote text `"<rate><denom>,<rate><denom>,..."`, each element an
 * `sdk.DecCoin` of cosmos-sdk v0.44 (amount with no sign, optional ASCII space, then a denom of
 * `[a-zA-Z][a-zA-Z0-9/-]{2,127}`; v0.46 later widened the denom to `/:._-`).
 */
import * as dec from '@marketnode/dec';
import type { ExchangeRateTuple } from '../state.js';
import { goTrimSpace } from './go-text.js';

/** `reDecCoin` of v0.44: `[[:digit:]]` and `[[:space:]]` are ASCII-only in Go's RE2. */
const DEC_COIN_V044 = /^([0-9]+(?:\.[0-9]+)?|\.[0-9]+)[\t\n\v\f\r ]*([a-zA-Z][a-zA-Z0-9/-]{2,127})$/;

export type TuplesParse =
  | { readonly ok: true; readonly tuples: readonly ExchangeRateTuple[] }
  | { readonly ok: false; readonly reason: string };

/**
 * The whole text is trimmed, then split on `,`; each element is trimmed and parsed; a repeated
 * denom is rejected. An empty (or all-space) text is an empty list, which the reference accepts.
 */
export function parseExchangeRateTuples(text: string): TuplesParse {
  const trimmed = goTrimSpace(text);
  if (trimmed.length === 0) return { ok: true, tuples: [] };
  const tuples: ExchangeRateTuple[] = [];
  const seen = new Set<string>();
  for (const element of trimmed.split(',')) {
    const parsed = parseDecCoinV044(element);
    if (typeof parsed === 'string') return { ok: false, reason: parsed };
    if (seen.has(parsed.denom)) return { ok: false, reason: `duplicated denom ${parsed.denom}` };
    seen.add(parsed.denom);
    tuples.push(parsed);
  }
  return { ok: true, tuples };
}

/** `sdk.ParseDecCoin`: the tuple, or Go's error text. */
function parseDecCoinV044(element: string): ExchangeRateTuple | string {
  const coinText = goTrimSpace(element);
  const match = DEC_COIN_V044.exec(coinText);
  if (match === null) return `invalid decimal coin expression: ${coinText}`;
  const amountText = match[1] as string;
  try {
    return { denom: match[2] as string, exchangeRate: dec.parse(amountText) };
  } catch (error) {
    if (!(error instanceof dec.DecParseError)) throw error;
    return `failed to parse decimal coin amount: ${amountText}: ${error.message}`;
  }
}

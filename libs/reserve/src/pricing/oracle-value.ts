/**
 * Valuing a coin at the oracle's stored rates: the market's `ComputeInternalSwap`
 * (`classic-core.md` §3.2), the same `Dec` steps and the same rejections. Duplicates the market's
 * conversion so that this lib does not depend on `@marketnode/market`'s internals.
 */
import * as dec from '@marketnode/dec';
import { formatDecCoin, type Dec } from '@marketnode/dec';
import { REJECTIONS, fail, ok, reject, type Result } from '@marketnode/errors';

/** The oracle's stored rates: amount of `denom` per 1 uluna (the price of LUNA in that denom). */
export type ExchangeRates = ReadonlyMap<string, Dec>;

const LUNA_DENOM = 'uluna';

/** `GetLunaExchangeRate`: uluna is always exactly 1 and never stored; any other denom needs a rate. */
function storedRate(rates: ExchangeRates, denom: string): Dec | undefined {
  return denom === LUNA_DENOM ? dec.ONE : rates.get(denom);
}

export interface OracleConversion {
  readonly amount: Dec;
  readonly fromDenom: string;
  readonly toDenom: string;
}

/**
 * `amount · rate(to) / rate(from)`, `Mul` then `Quo`: a direct conversion between the two denoms
 * (for the reserve, uusd <-> ubtc; no pass through usdr). Same denom: returned unchanged, with no
 * rate lookup and no positivity check, as in the reference.
 */
export function convertAtOracle(rates: ExchangeRates, conversion: OracleConversion): Result<Dec> {
  const { amount, fromDenom, toDenom } = conversion;
  if (fromDenom === toDenom) return ok(amount);
  const fromRate = storedRate(rates, fromDenom);
  if (fromRate === undefined) return fail(reject(REJECTIONS.noEffectivePrice, fromDenom));
  const toRate = storedRate(rates, toDenom);
  if (toRate === undefined) return fail(reject(REJECTIONS.noEffectivePrice, toDenom));
  const converted = dec.quo(dec.mul(amount, toRate), fromRate);
  if (converted <= dec.ZERO) {
    return fail(reject(REJECTIONS.invalidCoins, formatDecCoin({ denom: fromDenom, amount })));
  }
  return ok(converted);
}

/**
 * The market swap math of classic-core.md §3.3–3.5 written with decimal.js, rounding to 18 places
 * after each operation exactly as sdk.Dec does. It exists for the core benchmark's comparison (the
 * DESIGN's "about 25k/s with decimal.js") and doubles as an independent model: the benchmark checks
 * that it produces the same swap results as the bigint hot path before it times anything.
 */
import { Decimal } from 'decimal.js';

const D = Decimal.clone({ precision: 160, rounding: Decimal.ROUND_HALF_EVEN });
type Num = InstanceType<typeof D>;

const mul = (a: Num, b: Num): Num => a.times(b).toDecimalPlaces(18, Decimal.ROUND_HALF_EVEN);
/** Quo's two-step rounding: truncate at 36 digits, then half-even at 18. */
const quo = (a: Num, b: Num): Num =>
  a.div(b).toDecimalPlaces(36, Decimal.ROUND_DOWN).toDecimalPlaces(18, Decimal.ROUND_HALF_EVEN);

export interface DecimalMarket {
  basePool: Num;
  minStabilitySpread: Num;
  terraPoolDelta: Num;
  /** denom -> LUNA exchange rate (uluna is 1). */
  rates: Map<string, Num>;
  tobinTaxes: Map<string, Num>;
}

export interface DecimalSwapResult {
  readonly swapAmount: bigint;
  readonly feeAmount: bigint;
  readonly terraPoolDelta: Num;
}

export function decimalOf(text: string | bigint): Num {
  return new D(text.toString());
}

function rate(market: DecimalMarket, denom: string): Num {
  if (denom === 'uluna') return new D(1);
  const value = market.rates.get(denom);
  if (value === undefined) throw new Error(`no rate for ${denom}`);
  return value;
}

function internalSwap(market: DecimalMarket, amount: Num, offerDenom: string, askDenom: string): Num {
  if (offerDenom === askDenom) return amount;
  return quo(mul(amount, rate(market, askDenom)), rate(market, offerDenom));
}

function spreadOf(market: DecimalMarket, offerDenom: string, askDenom: string, base: Num): Num {
  if (offerDenom !== 'uluna' && askDenom !== 'uluna') {
    return Decimal.max(market.tobinTaxes.get(offerDenom) ?? 0, market.tobinTaxes.get(askDenom) ?? 0) as Num;
  }
  const cp = mul(market.basePool, market.basePool);
  const terraPool = market.basePool.plus(market.terraPoolDelta);
  const lunaPool = quo(cp, terraPool);
  const [offerPool, askPool] = offerDenom === 'uluna' ? [lunaPool, terraPool] : [terraPool, lunaPool];
  const askBase = askPool.minus(quo(cp, offerPool.plus(base)));
  const spread = quo(base.minus(askBase), base);
  return spread.lessThan(market.minStabilitySpread) ? market.minStabilitySpread : spread;
}

/** One swap: pricing, fee, pool update, truncation. Mutates the market's delta. */
export function decimalSwap(
  market: DecimalMarket,
  offerAmount: bigint,
  offerDenom: string,
  askDenom: string,
): DecimalSwapResult {
  const offer = new D(offerAmount.toString());
  const base = internalSwap(market, offer, offerDenom, 'usdr');
  const ret = internalSwap(market, base, 'usdr', askDenom);
  const spread = spreadOf(market, offerDenom, askDenom, base);
  const fee = spread.greaterThan(0) ? mul(spread, ret) : new D(0);
  const swapDec = ret.minus(fee);
  if (offerDenom !== 'uluna' && askDenom === 'uluna') {
    market.terraPoolDelta = market.terraPoolDelta.plus(base);
  } else if (offerDenom === 'uluna') {
    market.terraPoolDelta = market.terraPoolDelta.minus(internalSwap(market, swapDec, askDenom, 'usdr'));
  }
  const swapAmount = swapDec.toDecimalPlaces(0, Decimal.ROUND_DOWN);
  const feeAmount = fee.plus(swapDec.minus(swapAmount)).toDecimalPlaces(0, Decimal.ROUND_DOWN);
  return {
    swapAmount: BigInt(swapAmount.toFixed(0)),
    feeAmount: BigInt(feeAmount.toFixed(0)),
    terraPoolDelta: market.terraPoolDelta,
  };
}

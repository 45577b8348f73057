/**
 * An independent model of the reserve's pricing in decimal.js, written from the spec's rounding
 * table (`classic-core.md` §2.2) and formulas (§3.2–3.5, `reserve-pool.md`), not from the source:
 * tests compare the library against it.
 */
import { Decimal } from 'decimal.js';
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';

export const D = Decimal.clone({ precision: 400, rounding: Decimal.ROUND_HALF_EVEN });
export type D = InstanceType<typeof D>;

const SCALE = new D(10).pow(18);

export function fromDec(x: Dec | bigint): D {
  return new D(x.toString()).div(SCALE);
}

/** An exact 18-decimal value back to a Dec (throws if it has more digits). */
export function toDec(x: D): Dec {
  const scaled = x.mul(SCALE);
  if (!scaled.isInteger()) throw new Error(`model value ${x.toString()} has more than 18 decimals`);
  return dec.fromScaled(BigInt(scaled.toFixed(0)));
}

const round18 = (x: D): D => x.toDecimalPlaces(18, D.ROUND_HALF_EVEN);
export const mul = (a: D, b: D): D => round18(a.mul(b));
export const quo = (a: D, b: D): D => round18(a.div(b).toDecimalPlaces(36, D.ROUND_DOWN));
export const quoInt = (a: D, n: bigint): D => a.div(n.toString()).toDecimalPlaces(18, D.ROUND_DOWN);

export interface ModelSwap {
  readonly base: D;
  readonly ret: D;
  readonly askBase: D;
  readonly cpSpread: D;
  readonly spread: D;
  readonly fee: D;
  readonly swapDec: D;
  readonly swapAmount: bigint;
  readonly feeAmount: bigint;
  readonly deltaChange: D;
}

export interface ModelInput {
  readonly exit: boolean;
  readonly offerAmount: bigint;
  readonly ustRate: D;
  readonly btcRate: D;
  readonly basePool: D;
  readonly delta: D;
  readonly minSpread: D;
}

export function modelSwap(input: ModelInput): ModelSwap {
  const offer = new D(input.offerAmount.toString());
  // Exit: offer is UST (identity), ask BTC. Entry: offer BTC valued in UST, ask UST (identity).
  const base = input.exit ? offer : quo(mul(offer, input.ustRate), input.btcRate);
  const ret = input.exit ? quo(mul(base, input.btcRate), input.ustRate) : base;
  const cp = mul(input.basePool, input.basePool);
  const terraPool = input.basePool.add(input.delta);
  const btcPool = quo(cp, terraPool);
  const [offerPool, askPool] = input.exit ? [terraPool, btcPool] : [btcPool, terraPool];
  const askBase = askPool.sub(quo(cp, offerPool.add(base)));
  const cpSpread = quo(base.sub(askBase), base);
  const spread = D.max(cpSpread, input.minSpread);
  const fee = spread.gt(0) ? mul(spread, ret) : new D(0);
  const swapDec = ret.sub(fee);
  const swapWhole = swapDec.toDecimalPlaces(0, D.ROUND_DOWN);
  const feeWhole = fee.add(swapDec.sub(swapWhole)).toDecimalPlaces(0, D.ROUND_DOWN);
  return {
    base,
    ret,
    askBase,
    cpSpread,
    spread,
    fee,
    swapDec,
    swapAmount: BigInt(swapWhole.toFixed(0)),
    feeAmount: BigInt(feeWhole.toFixed(0)),
    deltaChange: input.exit ? base : swapDec.neg(),
  };
}

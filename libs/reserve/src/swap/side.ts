/**
 * Which side of the reserve a swap uses. Exit is the market's Terra -> Luna (UST in, BTC out),
 * entry its Luna -> Terra (BTC in, UST out); each side has its own curve and delta and the two are
 * never netted.
 */
import type { CurveDirection } from '../pricing/curve.js';
import type { ReserveParams, ReserveSideParams } from '../params/params.js';

export type ReserveSide = 'entry' | 'exit';

export const SIDE_DIRECTION: Readonly<Record<ReserveSide, CurveDirection>> = {
  exit: 'stableIn',
  entry: 'stableOut',
};

/** The side for `offerDenom -> askDenom`, or undefined when the pair is not UST <-> BTC. */
export function sideOfPair(
  params: ReserveParams,
  offerDenom: string,
  askDenom: string,
): ReserveSide | undefined {
  if (offerDenom === params.ustDenom && askDenom === params.btcDenom) return 'exit';
  if (offerDenom === params.btcDenom && askDenom === params.ustDenom) return 'entry';
  return undefined;
}

export function sideParams(params: ReserveParams, side: ReserveSide): ReserveSideParams {
  return side === 'exit' ? params.exit : params.entry;
}

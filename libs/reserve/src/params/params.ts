/**
 * The reserve's parameters: two independent sides, each with its own virtual constant-product
 * curve, plus the daily redemption cap. Validated at the edge (genesis, governance) with messages a
 * user can act on; the swap path trusts them.
 */
import * as dec from '@marketnode/dec';
import { DENOM_PATTERN, type Dec } from '@marketnode/dec';

/** The curve of one side, the same three numbers as the LUNA market's params (`classic-core.md` §3.1). */
export interface ReserveSideParams {
  /** Depth of the virtual pools, in micro units of the pricing denom (uusd for the reserve). */
  readonly basePool: Dec;
  /** Blocks over which the side's delta decays (delta / PRP regressed every block). */
  readonly poolRecoveryPeriod: bigint;
  /** Floor of the side's spread. */
  readonly minSpread: Dec;
}

export interface ReserveParams {
  /** BTC in, UST out. */
  readonly entry: ReserveSideParams;
  /** UST in, BTC out. */
  readonly exit: ReserveSideParams;
  /** Share of the BTC inventory (taken at the start of the day window) that may be paid out per day. */
  readonly dailyRedemptionCapFraction: Dec;
  /** Length of the day window in blocks. */
  readonly blocksPerDay: bigint;
  readonly btcDenom: string;
  readonly ustDenom: string;
}

/** Blocks per minute, hour and day at 6 s blocks (`types/util/blocks.go`). */
export const BLOCKS_PER_MINUTE = 10n;
export const BLOCKS_PER_HOUR = 600n;
export const BLOCKS_PER_DAY = 14_400n;

export const UST_DENOM = 'uusd';
/** Micro BTC: 10^6 per BTC, integer amounts like every coin. */
export const BTC_DENOM = 'ubtc';

/** The proposal's discussion leaned to 10% to start. */
export const DAILY_REDEMPTION_CAP_FRACTION_DEFAULT = dec.fromIntWithPrec(10, 2);

/** Every problem with `params`, worded for the person who proposed them; empty when valid. */
export function validateReserveParams(params: ReserveParams): string[] {
  const problems = [
    ...validateSide('entry', params.entry),
    ...validateSide('exit', params.exit),
    ...validateDenoms(params),
  ];
  const cap = params.dailyRedemptionCapFraction;
  if (cap < dec.ZERO || cap > dec.ONE) {
    problems.push(`dailyRedemptionCapFraction must be in [0, 1], got ${dec.format(cap)}`);
  }
  if (params.blocksPerDay <= 0n) problems.push(`blocksPerDay must be > 0, got ${params.blocksPerDay}`);
  return problems;
}

function validateSide(name: string, side: ReserveSideParams): string[] {
  const problems: string[] = [];
  // Unlike the market (which accepts 0 and then divides by zero), a zero pool is refused here.
  if (side.basePool <= dec.ZERO) {
    problems.push(`${name}.basePool must be > 0, got ${dec.format(side.basePool)}`);
  }
  if (side.poolRecoveryPeriod <= 0n) {
    problems.push(`${name}.poolRecoveryPeriod must be > 0 blocks, got ${side.poolRecoveryPeriod}`);
  }
  if (side.minSpread < dec.ZERO || side.minSpread > dec.ONE) {
    problems.push(`${name}.minSpread must be in [0, 1], got ${dec.format(side.minSpread)}`);
  }
  return problems;
}

function validateDenoms(params: ReserveParams): string[] {
  const problems: string[] = [];
  for (const [key, denom] of [
    ['btcDenom', params.btcDenom],
    ['ustDenom', params.ustDenom],
  ] as const) {
    if (!DENOM_PATTERN.test(denom)) problems.push(`${key} "${denom}" is not a valid denom`);
  }
  if (params.btcDenom === params.ustDenom) {
    problems.push(`btcDenom and ustDenom must differ, both are "${params.btcDenom}"`);
  }
  return problems;
}

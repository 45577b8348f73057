/**
 * Parameter sets named in the reserve proposal and its discussion (`reserve-pool.md`), and the
 * LUNA <> UST market's live curves of May 2022 (`classic-core.md` §7) so the liquidity report can
 * be checked against the capacities quoted then. Recovery periods are given in minutes there;
 * 10 blocks a minute. Dollar pools are in uusd (10^6 per dollar); the market's are in usdr.
 */
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';
import {
  BLOCKS_PER_DAY,
  BTC_DENOM,
  DAILY_REDEMPTION_CAP_FRACTION_DEFAULT,
  UST_DENOM,
  type ReserveParams,
  type ReserveSideParams,
} from './params.js';

const MICRO_PER_UNIT = 1_000_000n;

function millionsMicro(millions: bigint): Dec {
  return dec.fromInt(millions * 1_000_000n * MICRO_PER_UNIT);
}

function basisPoints(bps: bigint): Dec {
  return dec.fromIntWithPrec(bps, 4);
}

function side(
  basePoolMillions: bigint,
  poolRecoveryPeriodBlocks: bigint,
  minSpreadBps: bigint,
): ReserveSideParams {
  return {
    basePool: millionsMicro(basePoolMillions),
    poolRecoveryPeriod: poolRecoveryPeriodBlocks,
    minSpread: basisPoints(minSpreadBps),
  };
}

/** The proposal's entry side: BasePool $500M, recovery 10 min, MinSpread 10 bps. */
export const PROPOSAL_ENTRY_SIDE = side(500n, 100n, 10n);
/** The proposal's exit side: BasePool $500M, recovery 1 min, MinSpread 200 bps. */
export const PROPOSAL_EXIT_SIDE = side(500n, 10n, 200n);

/** Discussed exit range, deepest end: $1,000M, recovery 0.1 min, MinSpread 200 bps. */
export const DISCUSSED_EXIT_SIDE_DEEPEST = side(1_000n, 1n, 200n);
/** Discussed exit range, shallowest end: $100M, recovery 5 min, MinSpread 300 bps. */
export const DISCUSSED_EXIT_SIDE_SHALLOWEST = side(100n, 50n, 300n);
/** Discussed entry range, deepest end: $1,000M, recovery 1 min, MinSpread 5 bps. */
export const DISCUSSED_ENTRY_SIDE_DEEPEST = side(1_000n, 10n, 5n);
/** Discussed entry range, shallowest end: $100M, recovery 10 min, MinSpread 10 bps. */
export const DISCUSSED_ENTRY_SIDE_SHALLOWEST = side(100n, 100n, 10n);

/**
 * The reply that put entry MinSpread just above the LUNA market's 50 bps, so that UST expansion
 * keeps going through the market (burning LUNA): the proposal's entry curve at 55 and 80 bps.
 */
export const ENTRY_SIDE_ABOVE_LUNA_MARKET_55_BPS = side(500n, 100n, 55n);
export const ENTRY_SIDE_ABOVE_LUNA_MARKET_80_BPS = side(500n, 100n, 80n);

/** Exit sized to absorb a $10B UST contraction in 7 days at about $0.98: $100M, 1 min, 200 bps. */
export const EXIT_SIDE_10B_IN_7_DAYS = side(100n, 10n, 200n);

/** The LUNA <> UST market, April to ~11 May 2022: 50M SDR (usdr), PRP 36, MinSpread 0.5%. */
export const LUNA_MARKET_MAY_2022_SIDE = side(50n, 36n, 50n);
/** Governance proposal 1164 (May 2022): 100M SDR, PRP 18, MinSpread unchanged. */
export const LUNA_MARKET_PROP_1164_SIDE = side(100n, 18n, 50n);

/** The proposal's set, with the 10% daily cap the discussion leaned to. */
export const PROPOSAL_RESERVE_PARAMS: ReserveParams = {
  entry: PROPOSAL_ENTRY_SIDE,
  exit: PROPOSAL_EXIT_SIDE,
  dailyRedemptionCapFraction: DAILY_REDEMPTION_CAP_FRACTION_DEFAULT,
  blocksPerDay: BLOCKS_PER_DAY,
  btcDenom: BTC_DENOM,
  ustDenom: UST_DENOM,
};

export const DEFAULT_RESERVE_PARAMS: ReserveParams = PROPOSAL_RESERVE_PARAMS;

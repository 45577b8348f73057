/**
 * The reserve's liquidity report (`reserve-pool.md`: "instant liquidity ... and sustained
 * liquidity per hour or per day ... for any parameter set"): each side's curve liquidity, then
 * capped by what the reserve can actually pay.
 *
 * * Entry pays UST: every figure (UST paid) is capped by the UST inventory.
 * * Exit pays BTC: the figure (UST offered) is capped so that the BTC paid stays within the BTC
 *   inventory and the daily cap. The instant trade uses what is left of today's cap; the sustained
 *   flows use one full day window's cap (they are steady-state rates, not a forecast of today).
 *
 * Values are in uusd, Dec, on the stable leg (see `curve-liquidity.ts`).
 */
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';
import { fail, ok, type Result } from '@marketnode/errors';
import { BLOCKS_PER_HOUR, type ReserveParams } from '../params/params.js';
import { curvePools, curveSpread } from '../pricing/curve.js';
import { convertAtOracle, type ExchangeRates } from '../pricing/oracle-value.js';
import { curveLiquidity, type CurveLiquidity } from './curve-liquidity.js';

export type LiquidityLimit = 'spread' | 'inventory' | 'dailyCap';

export interface LiquidityFigure {
  readonly valueUst: Dec;
  /** What bounds the figure: the spread level itself, the reserve's inventory, or the daily cap. */
  readonly limitedBy: LiquidityLimit;
}

export interface SidesFigure {
  readonly entry: LiquidityFigure;
  readonly exit: LiquidityFigure;
}

export interface ReserveLiquidityReport {
  readonly spread: Dec;
  readonly instant: SidesFigure;
  readonly sustainedPerHour: SidesFigure;
  readonly sustainedPerDay: SidesFigure;
  /** The uncapped curve figures of each side. */
  readonly curves: { readonly entry: CurveLiquidity; readonly exit: CurveLiquidity };
}

export interface ReserveLiquidityRequest {
  readonly params: ReserveParams;
  /** A `ReserveState` fits; zero deltas describe a parameter set at rest. */
  readonly deltas: { readonly entryDeltaUst: Dec; readonly exitDeltaUst: Dec };
  readonly rates: ExchangeRates;
  /** The spread level s, in [0, 1). */
  readonly spread: Dec;
  readonly inventory: { readonly btc: bigint; readonly ust: bigint };
  /** BTC exit may still pay today; default: a fresh window's cap, ⌊fraction · inventory.btc⌋. */
  readonly dailyCapLeftBtc?: bigint;
}

/** Fails only when the oracle has no BTC or UST rate (the exit caps are valued at the oracle). */
export function liquidityReport(request: ReserveLiquidityRequest): Result<ReserveLiquidityReport> {
  const { params, deltas, spread, inventory } = request;
  const blocksPerDay = params.blocksPerDay;
  const entry = curveLiquidity({
    curve: params.entry,
    direction: 'stableOut',
    delta: deltas.entryDeltaUst,
    spread,
    blocksPerDay,
  });
  const exit = curveLiquidity({
    curve: params.exit,
    direction: 'stableIn',
    delta: deltas.exitDeltaUst,
    spread,
    blocksPerDay,
  });
  const fullCapBtc = dec.truncateInt(dec.mulInt(params.dailyRedemptionCapFraction, inventory.btc));
  const todayLimit = btcLimit(inventory.btc, request.dailyCapLeftBtc ?? fullCapBtc);
  const dayLimit = btcLimit(inventory.btc, fullCapBtc);
  const toUst = (btc: bigint): Result<Dec> =>
    btc === 0n
      ? ok(dec.ZERO)
      : convertAtOracle(request.rates, {
          amount: dec.fromScaled(btc * dec.SCALE),
          fromDenom: params.btcDenom,
          toDenom: params.ustDenom,
        });
  const todayUst = toUst(todayLimit.btc);
  if (!todayUst.ok) return fail(todayUst.error);
  const dayUst = toUst(dayLimit.btc);
  if (!dayUst.ok) return fail(dayUst.error);
  const entryCap = (valueUst: Dec): LiquidityFigure => capByUstInventory(valueUst, inventory.ust);
  const exitSustained = (blocks: bigint): LiquidityFigure =>
    capSustainedExit({ params, curve: exit, blocks, limit: { ...dayLimit, valueUst: dayUst.value } });
  return ok({
    spread,
    instant: {
      entry: entryCap(entry.instantValue),
      exit: capInstantExit({
        params,
        curve: exit,
        delta: deltas.exitDeltaUst,
        limit: { ...todayLimit, valueUst: todayUst.value },
      }),
    },
    sustainedPerHour: { entry: entryCap(entry.sustainedPerHourValue), exit: exitSustained(BLOCKS_PER_HOUR) },
    sustainedPerDay: { entry: entryCap(entry.sustainedPerDayValue), exit: exitSustained(blocksPerDay) },
    curves: { entry, exit },
  });
}

interface BtcLimit {
  readonly btc: bigint;
  readonly limitedBy: LiquidityLimit;
}

function btcLimit(inventoryBtc: bigint, capBtc: bigint): BtcLimit {
  return capBtc < inventoryBtc
    ? { btc: capBtc, limitedBy: 'dailyCap' }
    : { btc: inventoryBtc, limitedBy: 'inventory' };
}

function capByUstInventory(valueUst: Dec, inventoryUst: bigint): LiquidityFigure {
  const inventoryDec = dec.fromScaled(inventoryUst * dec.SCALE);
  return valueUst <= inventoryDec
    ? { valueUst, limitedBy: 'spread' }
    : { valueUst: inventoryDec, limitedBy: 'inventory' };
}

interface ExitCapRequest {
  readonly params: ReserveParams;
  readonly curve: CurveLiquidity;
  readonly limit: BtcLimit & { readonly valueUst: Dec };
}

/**
 * The largest UST offer whose BTC payout fits the limit. The payout of offer x is
 * x·(1 − max(cp(x), m)) = min(askBase(x), x·(1 − m)); both are increasing, so the offer that pays
 * exactly V is max(cp / (askPool − V) − offerPool, V / (1 − m)).
 */
function capInstantExit(request: ExitCapRequest & { readonly delta: Dec }): LiquidityFigure {
  const { params, curve, limit } = request;
  const offerUst = curve.instantValue;
  const payoutUst = dec.sub(offerUst, dec.mul(curve.spread, offerUst));
  if (payoutUst <= limit.valueUst) return { valueUst: offerUst, limitedBy: 'spread' };
  if (limit.btc === 0n) return { valueUst: dec.ZERO, limitedBy: limit.limitedBy };
  const { cp, offerPool, askPool } = curvePools(params.exit.basePool, request.delta, 'stableIn');
  const onCurve = dec.sub(dec.quo(cp, dec.sub(askPool, limit.valueUst)), offerPool);
  const onFloor = dec.quo(limit.valueUst, dec.sub(dec.ONE, params.exit.minSpread));
  const offer = dec.min(dec.max(onCurve, onFloor), offerUst);
  return { valueUst: offer, limitedBy: limit.limitedBy };
}

/**
 * Sustained exit flow over `blocks`, capped by one day window's BTC limit. Every block's trade is
 * the same (the regression r offered at delta heldDelta − r), so its payout is computed once with
 * the swap's own spread; when the window's payouts would exceed the limit, the flow is the limit's
 * share of blocks times r (the last, partial trade priced like a full one).
 */
function capSustainedExit(request: ExitCapRequest & { readonly blocks: bigint }): LiquidityFigure {
  const { params, curve, limit, blocks } = request;
  const perBlockUst = curve.perBlockValue;
  const flowUst = dec.mulInt(perBlockUst, blocks);
  if (perBlockUst === dec.ZERO) return { valueUst: flowUst, limitedBy: 'spread' };
  const { spread } = curveSpread({
    basePool: params.exit.basePool,
    delta: dec.sub(curve.heldDelta, perBlockUst),
    direction: 'stableIn',
    base: perBlockUst,
    minSpread: params.exit.minSpread,
  });
  const payoutPerBlockUst = dec.sub(perBlockUst, dec.mul(spread, perBlockUst));
  if (dec.mulInt(payoutPerBlockUst, blocks) <= limit.valueUst)
    return { valueUst: flowUst, limitedBy: 'spread' };
  const blocksWithinLimit = dec.quo(limit.valueUst, payoutPerBlockUst);
  return { valueUst: dec.mul(perBlockUst, blocksWithinLimit), limitedBy: limit.limitedBy };
}

/**
 * Gauges that read the engine's state at scrape time (prom-client `collect`), so the hot path pays
 * nothing for them. A scrape runs between batches (a batch is applied synchronously), so it sees a
 * whole batch's state; that state may be up to APPENDS_IN_FLIGHT_MAX batches ahead of the disk.
 * Amounts are in each denom's micro unit (uluna, uusd, ubtc, ...), as the state holds them; Dec
 * values become floats here and only here: metrics are for eyes, not for accounting.
 */
import { MODULE_ACCOUNTS } from '@marketnode/bank';
import * as dec from '@marketnode/dec';
import type { NodeState } from '@marketnode/node-state';
import { dailyCapBtc } from '@marketnode/reserve';
import { Gauge, type Registry } from '@marketnode/telemetry';

export interface StateView {
  readonly state: NodeState;
  /** The block being built; the last ended block is one less. */
  height(): bigint;
}

function toFloat(value: dec.Dec): number {
  return Number(dec.format(value));
}

export function registerStateGauges(registry: Registry, view: StateView): void {
  const registers = [registry];
  new Gauge({
    name: 'marketnode_engine_block_height',
    help: 'Height of the last block the engine ended.',
    registers,
    collect() {
      this.set(Number(view.height() - 1n));
    },
  });
  registerMarketGauges(registers, view);
  registerOracleGauges(registers, view);
  registerReserveGauges(registers, view);
  new Gauge({
    name: 'marketnode_engine_supply',
    help: 'Total supply of each denom, in its micro unit.',
    labelNames: ['denom'],
    registers,
    collect() {
      this.reset();
      for (const [denom, amount] of view.state.bank.supply) this.set({ denom }, Number(amount));
    },
  });
}

function registerMarketGauges(registers: Registry[], view: StateView): void {
  new Gauge({
    name: 'marketnode_engine_market_pool_delta_usdr',
    help: 'The market Terra pool delta (TerraPoolDelta), in usdr; positive when Terra was swapped in.',
    registers,
    collect() {
      this.set(toFloat(view.state.market.terraPoolDelta));
    },
  });
  new Gauge({
    name: 'marketnode_engine_market_base_pool_usdr',
    help: 'The market base pool parameter, in usdr: the delta regresses toward 0 against it.',
    registers,
    collect() {
      this.set(toFloat(view.state.market.params.basePool));
    },
  });
}

function registerOracleGauges(registers: Registry[], view: StateView): void {
  new Gauge({
    name: 'marketnode_engine_oracle_exchange_rate',
    help: 'The oracle exchange rate of each denom set by the last tally, in the denom per uluna.',
    labelNames: ['denom'],
    registers,
    collect() {
      this.reset();
      for (const [denom, rate] of view.state.oracle.exchangeRates) this.set({ denom }, toFloat(rate));
    },
  });
  new Gauge({
    name: 'marketnode_engine_oracle_missed_periods',
    help: 'Vote periods each validator missed in the current slash window.',
    labelNames: ['validator'],
    registers,
    collect() {
      this.reset();
      const { missCounters } = view.state.oracle;
      for (const validator of view.state.staking.validators.keys())
        this.set({ validator }, Number(missCounters.get(validator) ?? 0n));
    },
  });
}

function registerReserveGauges(registers: Registry[], view: StateView): void {
  new Gauge({
    name: 'marketnode_engine_reserve_pool_delta_ust',
    help: 'The reserve pool side deltas, in the reserve UST denom: entry <= 0, exit >= 0, each regressing to 0.',
    labelNames: ['side'],
    registers,
    collect() {
      this.set({ side: 'entry' }, toFloat(view.state.reserve.entryDeltaUst));
      this.set({ side: 'exit' }, toFloat(view.state.reserve.exitDeltaUst));
    },
  });
  new Gauge({
    name: 'marketnode_engine_reserve_inventory',
    help: 'Coins the reserve pool holds, per denom, in the micro unit.',
    labelNames: ['denom'],
    registers,
    collect() {
      this.reset();
      const holdings = view.state.bank.balances.get(MODULE_ACCOUNTS.reserve) ?? new Map<string, bigint>();
      for (const [denom, amount] of holdings) this.set({ denom }, Number(amount));
    },
  });
  new Gauge({
    name: 'marketnode_engine_reserve_redeemed_today_btc',
    help: 'BTC paid out by exit swaps in the current day window, in the reserve BTC denom.',
    registers,
    collect() {
      this.set(Number(view.state.reserve.redeemedTodayBtc));
    },
  });
  new Gauge({
    name: 'marketnode_engine_reserve_daily_cap_btc',
    help: "Today's redemption cap (fraction of the BTC inventory at the window start), in the reserve BTC denom.",
    registers,
    collect() {
      this.set(Number(dailyCapBtc(view.state.reserve)));
    },
  });
}

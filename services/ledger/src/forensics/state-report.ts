/**
 * What an investigator reads of a state: the pools (the market's virtual pools and delta, the
 * reserve's two deltas and inventory), the oracle's rates, the supply of every denom, and the
 * largest holders of each denom. Dec values as canonical 18-decimal text, amounts as bigint, every
 * map sorted by key, so the same state always gives the same report.
 */
import { MODULE_ACCOUNTS } from '@marketnode/bank';
import * as dec from '@marketnode/dec';
import { virtualPools } from '@marketnode/market';
import type { NodeState } from '@marketnode/node-state';

/** `--top` when not given: the largest holders listed per denom. */
export const TOP_HOLDERS_DEFAULT = 10;
/** More holders per denom than this is a dump of the bank, not a report: use `export`. */
export const TOP_HOLDERS_MAX = 10_000;

export interface Holding {
  readonly account: string;
  readonly amount: bigint;
}

export interface StateReport {
  readonly market: {
    readonly basePool: string;
    readonly terraPoolDelta: string;
    readonly terraPool: string;
    readonly lunaPool: string;
  };
  readonly reserve: {
    readonly entryDeltaUst: string;
    readonly exitDeltaUst: string;
    readonly inventory: Readonly<Record<string, bigint>>;
    readonly dayIndex: bigint;
    readonly dayCapBaseBtc: bigint;
    readonly redeemedTodayBtc: bigint;
  };
  readonly oracle: {
    readonly exchangeRates: Readonly<Record<string, string>>;
    readonly tobinTaxes: Readonly<Record<string, string>>;
  };
  readonly supplies: Readonly<Record<string, bigint>>;
  /** Per denom, the `top` largest holders, largest first (ties by account name). Module accounts included. */
  readonly largestBalances: Readonly<Record<string, readonly Holding[]>>;
}

export function reportState(state: NodeState, options: { readonly top: number }): StateReport {
  const { params, terraPoolDelta } = state.market;
  const pools = virtualPools(params, terraPoolDelta);
  const { reserve } = state;
  return {
    market: {
      basePool: dec.format(params.basePool),
      terraPoolDelta: dec.format(terraPoolDelta),
      terraPool: dec.format(pools.terraPool),
      lunaPool: dec.format(pools.lunaPool),
    },
    reserve: {
      entryDeltaUst: dec.format(reserve.entryDeltaUst),
      exitDeltaUst: dec.format(reserve.exitDeltaUst),
      inventory: sortedRecord(state.bank.balances.get(MODULE_ACCOUNTS.reserve) ?? new Map(), (v) => v),
      dayIndex: reserve.dayIndex,
      dayCapBaseBtc: reserve.dayCapBaseBtc,
      redeemedTodayBtc: reserve.redeemedTodayBtc,
    },
    oracle: {
      exchangeRates: sortedRecord(state.oracle.exchangeRates, dec.format),
      tobinTaxes: sortedRecord(state.oracle.tobinTaxes, dec.format),
    },
    supplies: sortedRecord(state.bank.supply, (v) => v),
    largestBalances: largestHolders(state, options.top),
  };
}

function largestHolders(state: NodeState, top: number): Record<string, Holding[]> {
  const byDenom = new Map<string, Holding[]>();
  for (const [account, holdings] of state.bank.balances) {
    for (const [denom, amount] of holdings) {
      const list = byDenom.get(denom) ?? [];
      list.push({ account, amount });
      byDenom.set(denom, list);
    }
  }
  const largestFirst = (a: Holding, b: Holding) =>
    a.amount === b.amount ? compareText(a.account, b.account) : a.amount > b.amount ? -1 : 1;
  return sortedRecord(byDenom, (list) => list.sort(largestFirst).slice(0, top));
}

function sortedRecord<V, R>(map: ReadonlyMap<string, V>, convert: (value: V) => R): Record<string, R> {
  return Object.fromEntries(
    [...map.entries()].sort(([a], [b]) => compareText(a, b)).map(([key, value]) => [key, convert(value)]),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

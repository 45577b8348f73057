/**
 * Shared test setup: oracle rates, a funded bank and reserve, and small helpers to build the
 * reserve's inputs. LUNA at $80 and BTC at $40,000: rates are per uluna, so uusd = 80 and
 * ubtc = 80 / 40,000 = 0.002; one ubtc is then worth 40,000 uusd ($0.04).
 */
import { MODULE_ACCOUNTS, cloneBank, createBank, mint, type BankState } from '@marketnode/bank';
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';
import {
  DEFAULT_RESERVE_PARAMS,
  cloneReserveState,
  createReserveState,
  type ExchangeRates,
  type ReserveParams,
  type ReserveSideParams,
  type ReserveState,
} from '../../src/index.js';

export const UST = 'uusd';
export const BTC = 'ubtc';
export const TRADER = 'terra1trader';
export const RECEIVER = 'terra1receiver';
export const RESERVE = MODULE_ACCOUNTS.reserve;

export const MICRO = 1_000_000n;
/** $1 in uusd. */
export const USD = MICRO;
/** 1 BTC in ubtc. */
export const ONE_BTC = MICRO;

export function d(text: string): Dec {
  return dec.parse(text);
}

export function ratesFor(options: { lunaUsd: string; btcUsd: string }): ExchangeRates {
  const uusd = d(options.lunaUsd);
  return new Map([
    [UST, uusd],
    [BTC, dec.quo(uusd, d(options.btcUsd))],
  ]);
}

export const RATES: ExchangeRates = ratesFor({ lunaUsd: '80', btcUsd: '40000' });

export function side(basePoolUsd: bigint, poolRecoveryPeriod: bigint, minSpread: string): ReserveSideParams {
  return { basePool: dec.fromInt(basePoolUsd * USD), poolRecoveryPeriod, minSpread: d(minSpread) };
}

export function paramsWith(overrides: Partial<ReserveParams>): ReserveParams {
  return { ...DEFAULT_RESERVE_PARAMS, ...overrides };
}

export interface World {
  readonly reserve: ReserveState;
  readonly rates: ExchangeRates;
  readonly bank: BankState;
}

export interface WorldOptions {
  readonly params?: ReserveParams;
  readonly reserveBtc?: bigint;
  readonly reserveUst?: bigint;
  readonly traderBtc?: bigint;
  readonly traderUst?: bigint;
  readonly rates?: ExchangeRates;
  readonly startHeight?: bigint;
}

/** A reserve holding BTC and UST, a trader holding both; the first day's cap base is the BTC held. */
export function world(options: WorldOptions = {}): World {
  const bank = createBank();
  const reserveBtc = options.reserveBtc ?? 1_000n * ONE_BTC;
  mint(bank, RESERVE, BTC, reserveBtc);
  mint(bank, RESERVE, UST, options.reserveUst ?? 10_000_000n * USD);
  mint(bank, TRADER, BTC, options.traderBtc ?? 1_000n * ONE_BTC);
  mint(bank, TRADER, UST, options.traderUst ?? 100_000_000n * USD);
  const reserve = createReserveState(options.params ?? DEFAULT_RESERVE_PARAMS, {
    inventoryBtc: reserveBtc,
    startHeight: options.startHeight ?? 0n,
  });
  return { reserve, rates: options.rates ?? RATES, bank };
}

export function snapshot(w: World): { reserve: ReserveState; bank: BankState } {
  return { reserve: cloneReserveState(w.reserve), bank: cloneBank(w.bank) };
}

/** Every byte of the reserve's state and the bank, in a canonical text form (keys sorted). */
export function stateDigest(w: { reserve: ReserveState; bank: BankState }): string {
  const accounts = [...w.bank.balances.keys()].sort();
  const balances = accounts.map((account) => {
    const holdings = w.bank.balances.get(account) ?? new Map<string, bigint>();
    const denoms = [...holdings.keys()].sort();
    return `${account}{${denoms.map((denom) => `${holdings.get(denom)}${denom}`).join(',')}}`;
  });
  const supply = [...w.bank.supply.keys()].sort().map((denom) => `${w.bank.supply.get(denom)}${denom}`);
  const r = w.reserve;
  const reserve = [
    JSON.stringify(r.params, (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    ),
    dec.format(r.entryDeltaUst),
    dec.format(r.exitDeltaUst),
    r.dayIndex,
    r.dayCapBaseBtc,
    r.redeemedTodayBtc,
  ].join('|');
  return `${balances.join(';')}|supply:${supply.join(',')}|${reserve}`;
}

/**
 * Reads a genesis file (JSON, snake_case keys as in classic-core's genesis) into the typed
 * `NodeGenesis`, reporting every problem at once with its JSON path. The module validators
 * (`validateMarketParams`, ...) run on the result, so a genesis that loads is one the core accepts.
 */
import { readFileSync } from 'node:fs';
import { validateMarketParams, type MarketParams } from '@marketnode/market';
import type { NodeGenesis } from '@marketnode/node-state';
import { validateOracleParams, type OracleParams } from '@marketnode/oracle';
import { validateReserveParams, type ReserveParams, type ReserveSideParams } from '@marketnode/reserve';
import { GenesisError, JsonReader, type JsonRecord, type JsonValue } from './json-reader.js';

export interface GenesisFile {
  readonly chainId: string;
  readonly genesis: NodeGenesis;
  /** The exact bytes read: their hash seeds the log's chain. */
  readonly bytes: Uint8Array;
}

export function readGenesisFile(path: string): GenesisFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new GenesisError([`cannot read ${path}: ${(error as Error).message}`]);
  }
  return parseGenesis(bytes);
}

export function parseGenesis(bytes: Uint8Array): GenesisFile {
  let json: JsonValue;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes)) as JsonValue;
  } catch (error) {
    throw new GenesisError([`not valid JSON: ${(error as Error).message}`]);
  }
  const read = new JsonReader();
  const root = read.record(json, 'genesis');
  const chainId = typeof root['chain_id'] === 'string' ? root['chain_id'] : '';
  if (chainId === '') read.problems.push('genesis.chain_id: must be a non-empty string');
  const genesis: NodeGenesis = {
    market: readMarket(read, read.record(root['market'], 'genesis.market')),
    oracle: readOracle(read, read.record(root['oracle'], 'genesis.oracle')),
    reserve: readReserve(read, read.record(root['reserve'], 'genesis.reserve')),
    validators: read.list(root['validators'], 'genesis.validators').map((value, i) => {
      const path = `genesis.validators[${i}]`;
      const v = read.record(value, path);
      return {
        operator: read.identity(v['operator'], `${path}.operator`),
        account: read.identity(v['account'], `${path}.account`),
        tokens: read.integer(v['tokens'], `${path}.tokens`),
      };
    }),
    ...(root['max_validators'] === undefined
      ? {}
      : { maxValidators: read.smallInteger(root['max_validators'], 'genesis.max_validators') }),
    balances: read.list(root['balances'], 'genesis.balances').map((value, i) => {
      const path = `genesis.balances[${i}]`;
      const b = read.record(value, path);
      return {
        account: read.identity(b['account'], `${path}.account`),
        denom: read.denom(b['denom'], `${path}.denom`),
        amount: read.integer(b['amount'], `${path}.amount`),
      };
    }),
  };
  if (read.problems.length > 0) throw new GenesisError(read.problems);
  return { chainId, genesis, bytes };
}

function readMarket(read: JsonReader, market: JsonRecord): NodeGenesis['market'] {
  const p = read.record(market['params'], 'genesis.market.params');
  const params: MarketParams = {
    basePool: read.decimal(p['base_pool'], 'genesis.market.params.base_pool'),
    poolRecoveryPeriod: read.integer(p['pool_recovery_period'], 'genesis.market.params.pool_recovery_period'),
    minStabilitySpread: read.decimal(p['min_stability_spread'], 'genesis.market.params.min_stability_spread'),
    zeroSwapCoinCheck: read.boolean(p['zero_swap_coin_check'], 'genesis.market.params.zero_swap_coin_check'),
  };
  read.adopt(validateMarketParams(params), 'genesis.market.params');
  if (market['terra_pool_delta'] === undefined) return { params };
  return {
    params,
    terraPoolDelta: read.decimal(market['terra_pool_delta'], 'genesis.market.terra_pool_delta'),
  };
}

function readOracle(read: JsonReader, oracle: JsonRecord): NodeGenesis['oracle'] {
  const path = 'genesis.oracle.params';
  const p = read.record(oracle['params'], path);
  const params: OracleParams = {
    votePeriod: read.integer(p['vote_period'], `${path}.vote_period`),
    voteThreshold: read.decimal(p['vote_threshold'], `${path}.vote_threshold`),
    rewardBand: read.decimal(p['reward_band'], `${path}.reward_band`),
    rewardDistributionWindow: read.integer(
      p['reward_distribution_window'],
      `${path}.reward_distribution_window`,
    ),
    whitelist: read.list(p['whitelist'], `${path}.whitelist`).map((value, i) => {
      const item = read.record(value, `${path}.whitelist[${i}]`);
      return {
        name: read.denom(item['name'], `${path}.whitelist[${i}].name`),
        tobinTax: read.decimal(item['tobin_tax'], `${path}.whitelist[${i}].tobin_tax`),
      };
    }),
    slashFraction: read.decimal(p['slash_fraction'], `${path}.slash_fraction`),
    slashWindow: read.integer(p['slash_window'], `${path}.slash_window`),
    minValidPerWindow: read.decimal(p['min_valid_per_window'], `${path}.min_valid_per_window`),
    saltLengthMax: read.smallInteger(p['salt_length_max'], `${path}.salt_length_max`),
  };
  read.adopt(validateOracleParams(params), path);
  const rates = oracle['exchange_rates'];
  if (rates === undefined) return { params };
  const record = read.record(rates, 'genesis.oracle.exchange_rates');
  const exchangeRates = new Map(
    Object.entries(record).map(([denom, rate]) => [
      read.denom(denom, `genesis.oracle.exchange_rates (key "${denom}")`),
      read.decimal(rate, `genesis.oracle.exchange_rates.${denom}`),
    ]),
  );
  return { params, exchangeRates };
}

function readSide(read: JsonReader, value: JsonValue | undefined, path: string): ReserveSideParams {
  const side = read.record(value, path);
  return {
    basePool: read.decimal(side['base_pool'], `${path}.base_pool`),
    poolRecoveryPeriod: read.integer(side['pool_recovery_period'], `${path}.pool_recovery_period`),
    minSpread: read.decimal(side['min_spread'], `${path}.min_spread`),
  };
}

function readReserve(read: JsonReader, reserve: JsonRecord): NodeGenesis['reserve'] {
  const path = 'genesis.reserve.params';
  const p = read.record(reserve['params'], path);
  const params: ReserveParams = {
    entry: readSide(read, p['entry'], `${path}.entry`),
    exit: readSide(read, p['exit'], `${path}.exit`),
    dailyRedemptionCapFraction: read.decimal(
      p['daily_redemption_cap_fraction'],
      `${path}.daily_redemption_cap_fraction`,
    ),
    blocksPerDay: read.integer(p['blocks_per_day'], `${path}.blocks_per_day`),
    btcDenom: read.denom(p['btc_denom'], `${path}.btc_denom`),
    ustDenom: read.denom(p['ust_denom'], `${path}.ust_denom`),
  };
  read.adopt(validateReserveParams(params), path);
  return {
    params,
    inventoryBtc: read.integer(reserve['inventory_btc'], 'genesis.reserve.inventory_btc'),
    inventoryUst: read.integer(reserve['inventory_ust'], 'genesis.reserve.inventory_ust'),
  };
}

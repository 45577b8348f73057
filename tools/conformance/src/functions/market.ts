/**
 * Adapters for the `market` functions. Handler cases run the real swap handler over a real bank:
 * the trader is funded with the offer first, and burned / minted / sent amounts are read back as
 * changes of supplies and balances, not copied from the handler's own report.
 */
import {
  balanceOf,
  cloneBank,
  createBank,
  mint,
  MODULE_ACCOUNTS,
  supplyOf,
  type BankState,
} from '@marketnode/bank';
import * as dec from '@marketnode/dec';
import {
  applySwapToPool,
  computeInternalSwap,
  computeSwap,
  createMarketState,
  DEFAULT_MARKET_PARAMS,
  executeSwap,
  replenishPools,
  simulateSwap,
  validateSwap,
  type MarketParams,
  type MarketState,
  type PriceView,
} from '@marketnode/market';
import type { ActualRecord, FunctionTable } from '../function-table.js';
import { decimal, decMap, has, integer, object, text } from '../inputs.js';
import type { JsonObject } from '../vector-file.js';
import { errorRecord, recordOf, validation } from './results.js';

const show = dec.format;

/** The v0.5.20 fork: from this height on columbus-5, a zero swap output fails (ErrZeroSwapCoin). */
const SWAP_DISABLE_FORK_HEIGHT = 7_607_790n;

function marketParams(inputs: JsonObject): MarketParams {
  const given = has(inputs, 'params') ? object(inputs, 'params') : {};
  const zeroSwapCoinCheck =
    has(inputs, 'chain_id') &&
    text(inputs, 'chain_id') === 'columbus-5' &&
    integer(inputs, 'height') >= SWAP_DISABLE_FORK_HEIGHT;
  return {
    basePool: has(given, 'base_pool') ? decimal(given, 'base_pool') : DEFAULT_MARKET_PARAMS.basePool,
    poolRecoveryPeriod: has(given, 'pool_recovery_period')
      ? integer(given, 'pool_recovery_period')
      : DEFAULT_MARKET_PARAMS.poolRecoveryPeriod,
    minStabilitySpread: has(given, 'min_stability_spread')
      ? decimal(given, 'min_stability_spread')
      : DEFAULT_MARKET_PARAMS.minStabilitySpread,
    zeroSwapCoinCheck,
  };
}

function marketState(inputs: JsonObject): MarketState {
  const delta = has(inputs, 'terra_pool_delta') ? decimal(inputs, 'terra_pool_delta') : dec.ZERO;
  return createMarketState(marketParams(inputs), delta);
}

function prices(inputs: JsonObject): PriceView {
  return { exchangeRates: decMap(inputs, 'luna_exchange_rates'), tobinTaxes: decMap(inputs, 'tobin_tax') };
}

function applySwapToPoolCase(inputs: JsonObject): ActualRecord {
  const market = marketState(inputs);
  const before = market.terraPoolDelta;
  const offer = dec.parseCoin(text(inputs, 'offer_coin'));
  const ask = dec.parseDecCoin(text(inputs, 'ask_dec_coin'));
  return recordOf(applySwapToPool(market, prices(inputs).exchangeRates, offer, ask), (after) => ({
    terra_pool_delta: show(after),
    terra_pool_delta_change: show(dec.sub(after, before)),
  }));
}

function computeInternalSwapCase(inputs: JsonObject): ActualRecord {
  const offer = dec.parseDecCoin(text(inputs, 'offer_dec_coin'));
  const result = computeInternalSwap(prices(inputs).exchangeRates, offer, text(inputs, 'ask_denom'));
  return recordOf(result, (ask) => ({ ask_amount: show(ask.amount) }));
}

function computeSwapCase(inputs: JsonObject): ActualRecord {
  const offer = dec.parseCoin(text(inputs, 'offer_coin'));
  const result = computeSwap(marketState(inputs), prices(inputs), offer, text(inputs, 'ask_denom'));
  return recordOf(result, (pricing) => ({
    ask_amount_at_oracle_rate: show(pricing.ret.amount),
    spread: show(pricing.spread),
    ...(pricing.curve === undefined
      ? {}
      : {
          cp_spread_before_clamp: show(pricing.curve.cpSpread),
          ask_base_usdr: show(pricing.curve.askBaseUsdr),
        }),
  }));
}

/** Replenishes block by block; keys name the blocks they want (`after_block_3`, `..._after_block_100`). */
function replenishCase(inputs: JsonObject, expectedKeys: readonly string[]): ActualRecord {
  const market = createMarketState(
    { ...DEFAULT_MARKET_PARAMS, poolRecoveryPeriod: integer(inputs, 'pool_recovery_period') },
    decimal(inputs, 'terra_pool_delta'),
  );
  const wanted = new Map<number, string>();
  for (const key of expectedKeys) {
    const block = /after_block_([0-9]+)$/.exec(key);
    if (block !== null) wanted.set(Number(block[1]), key);
  }
  const blocks = Math.max(has(inputs, 'blocks') ? Number(integer(inputs, 'blocks')) : 1, ...wanted.keys());
  const actual: ActualRecord = {};
  for (let block = 1; block <= blocks; block += 1) {
    const regression = replenishPools(market);
    if (block === 1) actual['regression_amount'] = show(regression);
    const key = wanted.get(block);
    if (key !== undefined) actual[key] = show(market.terraPoolDelta);
  }
  actual['terra_pool_delta'] = show(market.terraPoolDelta);
  return actual;
}

/** A canonical text of everything a swap may change: the delta and every balance and supply. */
function stateText(market: MarketState, bank: BankState): string {
  const sorted = <V>(map: Map<string, V>) =>
    [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const balances = sorted(bank.balances).map(([account, holdings]) => [account, sorted(holdings)]);
  return JSON.stringify([show(market.terraPoolDelta), balances, sorted(bank.supply)], (_k, v: unknown) =>
    typeof v === 'bigint' ? v.toString() : v,
  );
}

function swapHandlerCase(inputs: JsonObject): ActualRecord {
  const market = marketState(inputs);
  const offer = dec.parseCoin(text(inputs, 'offer_coin'));
  const askDenom = text(inputs, 'ask_denom');
  const trader = has(inputs, 'from') ? text(inputs, 'from') : 'trader';
  const receiver = has(inputs, 'to') ? text(inputs, 'to') : trader;
  const bank = createBank();
  mint(bank, trader, offer.denom, offer.amount);
  const before = cloneBank(bank);
  const stateBefore = stateText(market, bank);

  const result = executeSwap({ market, prices: prices(inputs), bank }, { trader, receiver, offer, askDenom });
  const stateChanged = stateText(market, bank) !== stateBefore;
  if (!result.ok) return { ...errorRecord(result.error), state_changed: stateChanged };

  const outcome = result.value;
  const changeOf = (account: string) =>
    balanceOf(bank, account, askDenom) - balanceOf(before, account, askDenom);
  const coin = (amount: bigint, denom: string) => `${amount}${denom}`;
  const curve = outcome.pricing.curve;
  return {
    state_changed: stateChanged,
    ask_amount_at_oracle_rate: show(outcome.pricing.ret.amount),
    spread: show(outcome.pricing.spread),
    fee_dec: show(outcome.feeDec),
    swap_dec_after_fee: show(outcome.swapDecAfterFee),
    swap_coin: dec.formatCoin(outcome.swapCoin),
    swap_fee_coin: dec.formatCoin(outcome.feeCoin),
    minted: coin(supplyOf(bank, askDenom) - supplyOf(before, askDenom), askDenom),
    burned: coin(supplyOf(before, offer.denom) - supplyOf(bank, offer.denom), offer.denom),
    sent_to_oracle_module: coin(changeOf(MODULE_ACCOUNTS.oracle), askDenom),
    recipient_balance_increase: coin(changeOf(receiver), askDenom),
    terra_pool_delta_after: show(market.terraPoolDelta),
    detail: {
      base_offer_usdr: show(outcome.pricing.baseOfferUsdr),
      ...(curve === undefined
        ? {}
        : {
            cp: show(curve.cp),
            terra_pool: show(curve.terraPool),
            luna_pool: show(curve.lunaPool),
            ask_base_usdr: show(curve.askBaseUsdr),
            cp_spread: show(curve.cpSpread),
          }),
    },
  };
}

function simulateSwapCase(inputs: JsonObject): ActualRecord {
  const offer = dec.parseCoin(text(inputs, 'offer_coin'));
  const result = simulateSwap(marketState(inputs), prices(inputs), offer, text(inputs, 'ask_denom'));
  return recordOf(result, (returned) => ({ return_coin: dec.formatCoin(returned) }));
}

function validateBasicCase(inputs: JsonObject): ActualRecord {
  const offer = dec.parseCoin(text(inputs, 'offer_coin'));
  return validation(validateSwap({ trader: 'trader', offer, askDenom: text(inputs, 'ask_denom') }));
}

export const MARKET_FUNCTIONS: FunctionTable = {
  ApplySwapToPool: applySwapToPoolCase,
  ComputeInternalSwap: computeInternalSwapCase,
  ComputeSwap: computeSwapCase,
  ReplenishPools: replenishCase,
  'EndBlocker/ReplenishPools': replenishCase,
  'MsgSwap handler': swapHandlerCase,
  'MsgSwapSend handler': swapHandlerCase,
  'Query/Swap (simulateSwap)': simulateSwapCase,
  'MsgSwap.ValidateBasic': validateBasicCase,
};

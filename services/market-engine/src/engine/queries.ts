/**
 * Answers to the read-only requests of docs/protocol.md, computed from the state in the loop (so a
 * query sees every command before it and is answered after they are durable). Pure functions of the
 * state; values in wire form (Dec as canonical text, amounts as bigint).
 */
import { MODULE_ACCOUNTS } from '@marketnode/bank';
import * as dec from '@marketnode/dec';
import type { Result } from '@marketnode/errors';
import { ok } from '@marketnode/errors';
import type { WireRecord, WireValue } from '@marketnode/events';
import { simulateSwap, virtualPools } from '@marketnode/market';
import { pricesOf, type NodeState } from '@marketnode/node-state';
import { quoteReserveSwap, sideOfPair } from '@marketnode/reserve';
import type { Coin } from '@marketnode/dec';

export type QueryKind = 'pool' | 'rates' | 'params' | 'balance' | 'reserve';

function decMap(map: ReadonlyMap<string, dec.Dec>): WireRecord {
  return Object.fromEntries(
    [...map.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, dec.format(v)]),
  );
}

function holdings(state: NodeState, account: string): WireRecord {
  const entries = [...(state.bank.balances.get(account)?.entries() ?? [])].sort(([a], [b]) =>
    a < b ? -1 : 1,
  );
  return Object.fromEntries(entries);
}

export function answerQuery(state: NodeState, kind: QueryKind, height: bigint, account?: string): WireRecord {
  switch (kind) {
    case 'pool': {
      const { params, terraPoolDelta } = state.market;
      const pools = virtualPools(params, terraPoolDelta);
      return {
        basePool: dec.format(params.basePool),
        terraPoolDelta: dec.format(terraPoolDelta),
        terraPool: dec.format(pools.terraPool),
        lunaPool: dec.format(pools.lunaPool),
        height,
      };
    }
    case 'rates':
      return {
        exchangeRates: decMap(state.oracle.exchangeRates),
        tobinTaxes: decMap(state.oracle.tobinTaxes),
        height,
      };
    case 'params':
      return {
        market: marketParams(state),
        oracle: oracleParams(state),
        reserve: reserveParams(state),
        height,
      };
    case 'balance':
      return { account: account ?? '', balances: holdings(state, account ?? ''), height };
    case 'reserve': {
      const { reserve } = state;
      return {
        entryDeltaUst: dec.format(reserve.entryDeltaUst),
        exitDeltaUst: dec.format(reserve.exitDeltaUst),
        inventory: holdings(state, MODULE_ACCOUNTS.reserve),
        dayCapBaseBtc: reserve.dayCapBaseBtc,
        redeemedTodayBtc: reserve.redeemedTodayBtc,
        height,
      };
    }
  }
}

function marketParams(state: NodeState): WireRecord {
  const p = state.market.params;
  return {
    basePool: dec.format(p.basePool),
    poolRecoveryPeriod: p.poolRecoveryPeriod,
    minStabilitySpread: dec.format(p.minStabilitySpread),
    zeroSwapCoinCheck: p.zeroSwapCoinCheck,
  };
}

function oracleParams(state: NodeState): WireRecord {
  const p = state.oracle.params;
  return {
    votePeriod: p.votePeriod,
    voteThreshold: dec.format(p.voteThreshold),
    rewardBand: dec.format(p.rewardBand),
    rewardDistributionWindow: p.rewardDistributionWindow,
    whitelist: p.whitelist.map((item) => ({ name: item.name, tobinTax: dec.format(item.tobinTax) })),
    slashFraction: dec.format(p.slashFraction),
    slashWindow: p.slashWindow,
    minValidPerWindow: dec.format(p.minValidPerWindow),
    saltLengthMax: p.saltLengthMax,
  };
}

function reserveParams(state: NodeState): WireRecord {
  const p = state.reserve.params;
  const side = (s: typeof p.entry): WireValue => ({
    basePool: dec.format(s.basePool),
    poolRecoveryPeriod: s.poolRecoveryPeriod,
    minSpread: dec.format(s.minSpread),
  });
  return {
    entry: side(p.entry),
    exit: side(p.exit),
    dailyRedemptionCapFraction: dec.format(p.dailyRedemptionCapFraction),
    blocksPerDay: p.blocksPerDay,
    btcDenom: p.btcDenom,
    ustDenom: p.ustDenom,
  };
}

/** The `Swap` query (`simulateSwap`), routed like a swap: reserve pair to the reserve, else the market. */
export function answerQuote(state: NodeState, offer: Coin, askDenom: string): Result<WireRecord> {
  if (sideOfPair(state.reserve.params, offer.denom, askDenom) !== undefined) {
    const quoted = quoteReserveSwap(
      { reserve: state.reserve, rates: state.oracle.exchangeRates, bank: state.bank },
      { offer, askDenom },
    );
    if (!quoted.ok) return quoted;
    const q = quoted.value;
    return ok({
      venue: 'reserve',
      returnCoin: { denom: q.swapCoin.denom, amount: q.swapCoin.amount },
      spread: dec.format(q.spread),
      askAtOracleRate: dec.format(q.askAtOracleRate),
    });
  }
  const simulated = simulateSwap(state.market, pricesOf(state), offer, askDenom);
  if (!simulated.ok) return simulated;
  return ok({
    venue: 'market',
    returnCoin: { denom: simulated.value.denom, amount: simulated.value.amount },
  });
}

/**
 * A plain, order-independent picture of the whole state, to prove that a rejected command changed
 * nothing and that two runs ended equal.
 */
import type { BankState } from '@marketnode/bank';
import type { StakingState } from '@marketnode/staking';
import type { OracleState } from '../../src/index.js';

function sortedEntries<V>(map: ReadonlyMap<string, V>): [string, V][] {
  return [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function snapshot(context: { oracle: OracleState; staking: StakingState; bank?: BankState }): unknown {
  const { oracle, staking, bank } = context;
  return {
    params: oracle.params,
    exchangeRates: sortedEntries(oracle.exchangeRates),
    tobinTaxes: sortedEntries(oracle.tobinTaxes),
    feederDelegations: sortedEntries(oracle.feederDelegations),
    missCounters: sortedEntries(oracle.missCounters),
    prevotes: sortedEntries(oracle.prevotes),
    votes: sortedEntries(oracle.votes),
    validators: sortedEntries(staking.validators).map(([operator, v]) => [operator, { ...v }]),
    balances:
      bank === undefined
        ? []
        : sortedEntries(bank.balances).map(([account, holdings]) => [account, sortedEntries(holdings)]),
    supply: bank === undefined ? [] : sortedEntries(bank.supply),
  };
}

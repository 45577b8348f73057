/**
 * The node's whole state: one value per module, built from genesis. The engine's single writer owns
 * it and mutates it only through the modules' handlers and `endBlock`.
 */
import { createBank, mint, MODULE_ACCOUNTS, type BankState } from '@marketnode/bank';
import { createMarketState, type MarketState, type PriceView } from '@marketnode/market';
import { createOracleState, type OracleState } from '@marketnode/oracle';
import { createReserveState, type ReserveState } from '@marketnode/reserve';
import { createStakingState, type StakingState } from '@marketnode/staking';
import type { NodeGenesis } from './genesis.js';

export interface NodeState {
  readonly bank: BankState;
  readonly staking: StakingState;
  readonly market: MarketState;
  readonly oracle: OracleState;
  readonly reserve: ReserveState;
}

/** The stake denom: validators' tokens are uluna held by the bonded pool account. */
const STAKE_DENOM = 'uluna';

export function createNodeState(genesis: NodeGenesis): NodeState {
  const bank = createBank();
  for (const { account, denom, amount } of genesis.balances) mint(bank, account, denom, amount);

  const staking = createStakingState(
    genesis.maxValidators === undefined ? {} : { maxValidators: genesis.maxValidators },
  );
  for (const { operator, account, tokens } of genesis.validators) {
    if (staking.validators.has(operator)) throw new RangeError(`genesis lists validator ${operator} twice`);
    staking.validators.set(operator, { operator, account, tokens, status: 'bonded', jailed: false });
    mint(bank, MODULE_ACCOUNTS.bondedPool, STAKE_DENOM, tokens);
  }

  const { params: reserveParams, inventoryBtc, inventoryUst } = genesis.reserve;
  mint(bank, MODULE_ACCOUNTS.reserve, reserveParams.btcDenom, inventoryBtc);
  mint(bank, MODULE_ACCOUNTS.reserve, reserveParams.ustDenom, inventoryUst);

  const oracleOptions =
    genesis.oracle.exchangeRates === undefined ? {} : { exchangeRates: genesis.oracle.exchangeRates };
  return {
    bank,
    staking,
    market: createMarketState(genesis.market.params, genesis.market.terraPoolDelta),
    oracle: createOracleState(genesis.oracle.params, oracleOptions),
    reserve: createReserveState(reserveParams, { inventoryBtc }),
  };
}

/** The prices the market and the reserve read: the oracle's stored rates and tobin taxes, live. */
export function pricesOf(state: NodeState): PriceView {
  return { exchangeRates: state.oracle.exchangeRates, tobinTaxes: state.oracle.tobinTaxes };
}

/**
 * What the oracle's handlers and end block read and write besides their own store.
 */
import type { BankState } from '@marketnode/bank';
import type { StakingState } from '@marketnode/staking';
import type { OracleState } from './state.js';

/** Message handlers: the oracle store and the validator set. */
export interface OracleContext {
  readonly oracle: OracleState;
  readonly staking: StakingState;
}

/** The end block also pays rewards and slashes, so it needs the bank. */
export interface OracleEndBlockContext extends OracleContext {
  readonly bank: BankState;
}

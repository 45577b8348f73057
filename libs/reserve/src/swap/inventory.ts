/**
 * The reserve pays out of coins it holds (bank account `MODULE_ACCOUNTS.reserve`) and never mints,
 * so a payout larger than its holding of the ask denom is refused.
 */
import { MODULE_ACCOUNTS, balanceOf, type BankState } from '@marketnode/bank';
import type { Coin } from '@marketnode/dec';
import { reject, type Rejection, REJECTIONS } from '@marketnode/errors';

export function reserveInventory(bank: BankState, denom: string): bigint {
  return balanceOf(bank, MODULE_ACCOUNTS.reserve, denom);
}

/** `RESERVE_ERR_INSUFFICIENT_INVENTORY` naming what is available, when `payout` exceeds it. */
export function checkInventory(bank: BankState, payout: Coin): Rejection | undefined {
  const availableAmount = reserveInventory(bank, payout.denom);
  if (payout.amount <= availableAmount) return undefined;
  const context = `reserve has ${availableAmount}${payout.denom} available, swap pays ${payout.amount}${payout.denom}`;
  return reject(REJECTIONS.insufficientInventory, context);
}

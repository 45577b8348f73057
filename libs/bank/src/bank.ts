/**
 * The bank: balances per account and denom, and the total supply per denom. Pure state, mutated in
 * place by the engine's single writer. Zero balances are removed, so the same set of holdings always
 * has the same shape, whatever history led to it.
 *
 * Module accounts are ordinary accounts with reserved names (`MODULE_ACCOUNTS`).
 */
import { REJECTIONS, reject, type Rejection } from '@marketnode/errors';

export interface BankState {
  /** account -> denom -> amount (> 0). */
  readonly balances: Map<string, Map<string, bigint>>;
  /** denom -> total amount in existence (> 0). */
  readonly supply: Map<string, bigint>;
}

/** Accounts owned by modules, never by a user. */
export const MODULE_ACCOUNTS = {
  /** Receives swap offers to burn them, mints swap outputs. */
  market: 'module:market',
  /** The oracle reward pool: swap fees go here; oracle rewards are paid from here. */
  oracle: 'module:oracle',
  /** Where oracle rewards are paid to (classic-core's distribution module). */
  distribution: 'module:distribution',
  /** The BTC reserve pool's inventory of BTC and UST. */
  reserve: 'module:reserve',
  /** Validators' bonded stake (uluna); slashing burns from here. */
  bondedPool: 'module:bonded_pool',
} as const;

export function createBank(): BankState {
  return { balances: new Map(), supply: new Map() };
}

export function balanceOf(bank: BankState, account: string, denom: string): bigint {
  return bank.balances.get(account)?.get(denom) ?? 0n;
}

export function supplyOf(bank: BankState, denom: string): bigint {
  return bank.supply.get(denom) ?? 0n;
}

/** `ErrInsufficientFunds` if `account` holds less than `amount` of `denom`, else undefined. */
export function checkSpendable(
  bank: BankState,
  account: string,
  denom: string,
  amount: bigint,
): Rejection | undefined {
  const held = balanceOf(bank, account, denom);
  if (held >= amount) return undefined;
  return reject(REJECTIONS.insufficientFunds, `${held}${denom} is smaller than ${amount}${denom}`);
}

function setBalance(bank: BankState, account: string, denom: string, amount: bigint): void {
  let holdings = bank.balances.get(account);
  if (amount === 0n) {
    if (holdings === undefined) return;
    holdings.delete(denom);
    if (holdings.size === 0) bank.balances.delete(account);
    return;
  }
  if (holdings === undefined) {
    holdings = new Map();
    bank.balances.set(account, holdings);
  }
  holdings.set(denom, amount);
}

function setSupply(bank: BankState, denom: string, amount: bigint): void {
  if (amount === 0n) bank.supply.delete(denom);
  else bank.supply.set(denom, amount);
}

function assertNonNegative(amount: bigint, what: string): void {
  if (amount < 0n) throw new Error(`assertion failed: ${what} amount is negative (${amount})`);
}

/**
 * Moves coins. The caller has checked the balance (`checkSpendable`): spending more than is held
 * is a programmer error and throws.
 */
export function transfer(bank: BankState, from: string, to: string, denom: string, amount: bigint): void {
  assertNonNegative(amount, 'transfer');
  if (amount === 0n) return;
  const held = balanceOf(bank, from, denom);
  if (held < amount) throw new Error(`assertion failed: ${from} spends ${amount}${denom} holding ${held}`);
  setBalance(bank, from, denom, held - amount);
  setBalance(bank, to, denom, balanceOf(bank, to, denom) + amount);
}

/** Creates coins in `account`; the supply grows by the same amount. */
export function mint(bank: BankState, account: string, denom: string, amount: bigint): void {
  assertNonNegative(amount, 'mint');
  if (amount === 0n) return;
  setBalance(bank, account, denom, balanceOf(bank, account, denom) + amount);
  setSupply(bank, denom, supplyOf(bank, denom) + amount);
}

/** Destroys coins held by `account`; the supply shrinks by the same amount. Checked by the caller. */
export function burn(bank: BankState, account: string, denom: string, amount: bigint): void {
  assertNonNegative(amount, 'burn');
  if (amount === 0n) return;
  const held = balanceOf(bank, account, denom);
  if (held < amount) throw new Error(`assertion failed: ${account} burns ${amount}${denom} holding ${held}`);
  setBalance(bank, account, denom, held - amount);
  setSupply(bank, denom, supplyOf(bank, denom) - amount);
}

/** Deep copy, for simulations (quotes) and tests. */
export function cloneBank(bank: BankState): BankState {
  const balances = new Map<string, Map<string, bigint>>();
  for (const [account, holdings] of bank.balances) balances.set(account, new Map(holdings));
  return { balances, supply: new Map(bank.supply) };
}

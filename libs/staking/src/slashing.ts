/**
 * Slashing and jailing, as the oracle calls them (`staking.Slash`, `staking.Jail`).
 */
import * as bank from '@marketnode/bank';
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';
import type { StakingState } from './staking-state.js';
import { POWER_REDUCTION } from './validator.js';

export interface SlashContext {
  readonly staking: StakingState;
  readonly bank: bank.BankState;
}

export interface SlashRequest {
  readonly operator: string;
  /** Consensus power at the infraction, the base of the slash. */
  readonly power: bigint;
  readonly slashFraction: Dec;
}

/**
 * `Slash(consAddr, infractionHeight, power, fraction)`: burns
 * `⌊(power·10^6).Mul(fraction)⌋` uluna, at most the validator's tokens, from its stake and from the
 * bonded pool account, so the uluna supply falls. Returns the amount burned.
 *
 * Simplification: there are no unbonding delegations or redelegations to slash, so the infraction
 * height does not matter. A missing validator is skipped (the reference logs and returns); slashing
 * an unbonded validator is a programmer error (the reference panics).
 */
export function slash(context: SlashContext, request: SlashRequest): bigint {
  if (request.power < 0n) throw new Error(`assertion failed: slash power is negative (${request.power})`);
  if (request.slashFraction < 0n) throw new Error('assertion failed: slash fraction is negative');
  const validator = context.staking.validators.get(request.operator);
  if (validator === undefined) return 0n;
  if (validator.status === 'unbonded') {
    throw new Error(`assertion failed: slashing unbonded validator ${request.operator}`);
  }
  const baseTokens = dec.fromInt(request.power * POWER_REDUCTION);
  const slashAmount = dec.truncateInt(dec.mul(baseTokens, request.slashFraction));
  const burned = slashAmount < validator.tokens ? slashAmount : validator.tokens;
  // The bank asserts the pool holds the tokens: the engine keeps the pool equal to the stake.
  bank.burn(context.bank, bank.MODULE_ACCOUNTS.bondedPool, 'uluna', burned);
  validator.tokens -= burned;
  return burned;
}

/** `Jail`: jailing a missing or already jailed validator is a programmer error (reference panics). */
export function jail(staking: StakingState, operator: string): void {
  const validator = staking.validators.get(operator);
  if (validator === undefined) throw new Error(`assertion failed: jailing unknown validator ${operator}`);
  if (validator.jailed) throw new Error(`assertion failed: validator ${operator} is already jailed`);
  validator.jailed = true;
}

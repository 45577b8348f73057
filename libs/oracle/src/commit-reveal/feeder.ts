/**
 * Who may vote for a validator (spec §4.2): its own account, or the one delegate it registered.
 */
import { REJECTIONS, fail, ok, reject, type Rejection, type Result } from '@marketnode/errors';
import { isBonded } from '@marketnode/staking';
import type { OracleContext } from '../context.js';
import type { DelegateFeedConsent } from './messages.js';
import { validateDelegateFeedConsent } from './validate-basic.js';

/**
 * `ValidateFeeder`: the feeder must be the operator's own account or its registered delegate
 * (`ErrNoVotingPermission`), and the validator must exist and be bonded (`ErrNoValidatorFound`).
 *
 * The own account is known only for an existing validator, so for an unknown validator any feeder
 * other than a registered delegate gets `ErrNoVotingPermission` (the reference, which derives the
 * account from the operator's bytes, would report the missing validator for the own account).
 */
export function validateFeeder(
  context: OracleContext,
  options: { readonly feeder: string; readonly validator: string },
): Rejection | undefined {
  const validator = context.staking.validators.get(options.validator);
  const ownAccount = validator?.account;
  if (options.feeder !== ownAccount) {
    const delegate = context.oracle.feederDelegations.get(options.validator) ?? ownAccount;
    if (delegate !== options.feeder) return reject(REJECTIONS.noVotingPermission, options.feeder);
  }
  if (validator === undefined || !isBonded(validator)) {
    return reject(REJECTIONS.noValidatorFound, `validator ${options.validator} is not active set`);
  }
  return undefined;
}

export interface FeederDelegated {
  readonly operator: string;
  readonly delegate: string;
}

/**
 * `MsgDelegateFeedConsent`: the validator must exist, in any status; the new delegate replaces
 * any previous one. (The operator's signature is checked by the gateway.)
 */
export function delegateFeedConsent(
  context: OracleContext,
  msg: DelegateFeedConsent,
): Result<FeederDelegated> {
  const basic = validateDelegateFeedConsent(msg);
  if (!basic.ok) return basic;
  if (!context.staking.validators.has(msg.operator)) {
    return fail(reject(REJECTIONS.noValidatorFound, msg.operator));
  }
  context.oracle.feederDelegations.set(msg.operator, msg.delegate);
  return ok({ operator: msg.operator, delegate: msg.delegate });
}

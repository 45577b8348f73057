/**
 * The commit: `MsgAggregateExchangeRatePrevote` (spec §4.3).
 */
import { fail, ok, type Result } from '@marketnode/errors';
import type { OracleContext } from '../context.js';
import { validateFeeder } from './feeder.js';
import type { SubmitPrevote } from './messages.js';
import { validatePrevote } from './validate-basic.js';

export interface PrevoteSubmitted {
  readonly validator: string;
  readonly feeder: string;
  /** Lowercase hex. */
  readonly hash: string;
  readonly submitBlock: bigint;
}

/** ValidateBasic, then `ValidateFeeder`; on success any earlier prevote is overwritten. */
export function submitPrevote(
  context: OracleContext,
  msg: SubmitPrevote,
  height: bigint,
): Result<PrevoteSubmitted> {
  const basic = validatePrevote(msg);
  if (!basic.ok) return basic;
  const feederProblem = validateFeeder(context, msg);
  if (feederProblem !== undefined) return fail(feederProblem);
  context.oracle.prevotes.set(msg.validator, { hash: basic.value, submitBlock: height });
  return ok({ validator: msg.validator, feeder: msg.feeder, hash: basic.value, submitBlock: height });
}

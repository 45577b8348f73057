/**
 * When to reveal and when to prevote, from the engine's published blocks. Pure: the timing rules
 * in one place.
 *
 * `blocks.header` for height H is published after block H is durable, so what is sent next lands
 * in block H+1. The reference accepts a reveal only in the vote period right after its prevote
 * (`⌊H/VP⌋ − ⌊submit/VP⌋ == 1`), and a new prevote replaces the old one: each period the voter
 * reveals the previous period's prevote FIRST, then prevotes again. A prevote without a reveal is
 * not sent when the next block ends its period: if the engine ended that block before the message
 * arrived, the prevote would land in the next period and miss its reveal window. (With a vote period
 * of one block every block ends a period, so there the voter prevotes anyway.)
 */
import { isPeriodLastBlock } from '@marketnode/oracle';

export interface VoterStep {
  /** Reveal the prevote made in the previous period. */
  readonly reveal: boolean;
  /** Prevote for the period the next block is in. */
  readonly prevote: boolean;
  /** The vote period of the next block. */
  readonly period: bigint;
}

/** The vote period a block at `height` belongs to. */
export function periodOf(height: bigint, votePeriod: bigint): bigint {
  return height / votePeriod;
}

/** What to send after block `endedHeight`, given the period of the pending prevote (if any). */
export function planVoterStep(options: {
  readonly endedHeight: bigint;
  readonly votePeriod: bigint;
  readonly prevotedPeriod: bigint | undefined;
}): VoterStep {
  const next = options.endedHeight + 1n;
  const period = periodOf(next, options.votePeriod);
  if (options.prevotedPeriod === period) return { reveal: false, prevote: false, period };
  const reveal = options.prevotedPeriod === period - 1n;
  const prevote = reveal || options.votePeriod === 1n || !isPeriodLastBlock(next, options.votePeriod);
  return { reveal, prevote, period };
}

/**
 * A pending prevote that can never be revealed any more: its period is neither the next block's
 * period (reveal later) nor the one before it (reveal now).
 */
export function isStalePending(options: {
  readonly pendingPeriod: bigint;
  readonly endedHeight: bigint;
  readonly votePeriod: bigint;
}): boolean {
  const period = periodOf(options.endedHeight + 1n, options.votePeriod);
  return options.pendingPeriod !== period && options.pendingPeriod !== period - 1n;
}

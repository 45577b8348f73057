/**
 * `SlashAndResetMissCounters` (spec §4.11), at the last block of each slash window: a bonded,
 * unjailed validator whose share of valid vote periods fell below `MinValidPerWindow` is slashed
 * `SlashFraction` of its power and jailed; every miss counter is then deleted.
 */
import type { BankState } from '@marketnode/bank';
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';
import {
  compareStrings,
  consensusPower,
  isBonded,
  jail,
  slash,
  type StakingState,
} from '@marketnode/staking';
import type { OracleState } from '../state.js';

export interface MissCounterVerdict {
  readonly operator: string;
  readonly missCounter: bigint;
  /** `(periods − misses) / periods`, truncated; negative when misses exceed the periods. */
  readonly validRate: Dec;
  /** Taken through slash and jail (the amount may be 0 with a zero slash fraction). */
  readonly slashed: boolean;
  readonly slashedAmount: bigint;
}

export interface SlashWindowResult {
  /** `⌊SlashWindow / VotePeriod⌋`. */
  readonly votePeriodsPerWindow: bigint;
  /** One per miss counter, sorted by operator. */
  readonly verdicts: readonly MissCounterVerdict[];
}

/** The reference computes `periods − misses` in uint64 and casts it to int64. */
function asInt64Difference(periods: bigint, misses: bigint): bigint {
  return BigInt.asIntN(64, BigInt.asUintN(64, periods - misses));
}

export function slashAndResetMissCounters(context: {
  readonly oracle: OracleState;
  readonly staking: StakingState;
  readonly bank: BankState;
}): SlashWindowResult {
  const { oracle, staking } = context;
  const { slashWindow, votePeriod, minValidPerWindow, slashFraction } = oracle.params;
  const votePeriodsPerWindow = slashWindow / votePeriod;
  const verdicts: MissCounterVerdict[] = [];
  for (const operator of [...oracle.missCounters.keys()].sort(compareStrings)) {
    const missCounter = oracle.missCounters.get(operator) as bigint;
    const validPeriods = dec.fromInt(asInt64Difference(votePeriodsPerWindow, missCounter));
    const validRate = dec.quoInt(validPeriods, votePeriodsPerWindow);
    const validator = staking.validators.get(operator);
    // The reference dereferences a missing validator here (a panic); it is skipped instead.
    const penalised = validRate < minValidPerWindow && validator !== undefined;
    if (penalised && isBonded(validator) && !validator.jailed) {
      const power = consensusPower(validator);
      const slashedAmount = slash(context, { operator, power, slashFraction });
      jail(staking, operator);
      verdicts.push({ operator, missCounter, validRate, slashed: true, slashedAmount });
    } else {
      verdicts.push({ operator, missCounter, validRate, slashed: false, slashedAmount: 0n });
    }
  }
  oracle.missCounters.clear();
  return { votePeriodsPerWindow, verdicts };
}

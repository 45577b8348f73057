/**
 * In which capacity a log entry names an account: as the trader or the receiver of a swap, as a
 * validator's operator, its feeder or its delegate, or as a validator the end of a block judged,
 * rewarded, slashed, jailed or unbonded. Reads every identity field of the command and of its
 * events, so nothing that names the account is missed.
 */
import type { Command, Event } from '@marketnode/events';

export type AccountRole =
  | 'trader'
  | 'receiver'
  | 'operator'
  | 'delegate'
  | 'validator'
  | 'feeder'
  | 'sender'
  | 'tallied'
  | 'rewarded'
  | 'missed-vote'
  | 'judged'
  | 'slashed'
  | 'jailed'
  | 'unbonded';

/** The roles, each once, in the order first met; empty when the entry does not name the account. */
export function accountRoles(command: Command, events: readonly Event[], account: string): AccountRole[] {
  const roles = new Set<AccountRole>();
  const note = (identity: string, role: AccountRole) => {
    if (identity === account) roles.add(role);
  };
  noteCommand(command, note);
  for (const event of events) noteEvent(event, note);
  return [...roles];
}

type Note = (identity: string, role: AccountRole) => void;

function noteCommand(command: Command, note: Note): void {
  switch (command.type) {
    case 'Swap':
      note(command.trader, 'trader');
      note(command.receiver, 'receiver');
      return;
    case 'DelegateFeedConsent':
      note(command.operator, 'operator');
      note(command.delegate, 'delegate');
      return;
    case 'SubmitPrevote':
    case 'SubmitVote':
      note(command.validator, 'validator');
      note(command.feeder, 'feeder');
      return;
    case 'EndBlock':
      return;
  }
}

function noteEvent(event: Event, note: Note): void {
  switch (event.type) {
    case 'SwapExecuted':
      note(event.trader, 'trader');
      note(event.receiver, 'receiver');
      return;
    case 'SwapRejected':
      note(event.trader, 'trader');
      return;
    case 'FeederDelegated':
      note(event.operator, 'operator');
      note(event.delegate, 'delegate');
      return;
    case 'PrevoteSubmitted':
    case 'VoteSubmitted':
      note(event.validator, 'validator');
      note(event.feeder, 'feeder');
      return;
    case 'OracleMessageRejected':
      note(event.validator, 'validator');
      note(event.sender, 'sender');
      return;
    case 'ExchangeRatesTallied':
      for (const claim of event.claims) note(claim.operator, 'tallied');
      for (const reward of event.rewardsToValidators) note(reward.operator, 'rewarded');
      for (const operator of event.missCountersIncremented) note(operator, 'missed-vote');
      return;
    case 'SlashWindowEnded':
      for (const verdict of event.verdicts) note(verdict.operator, 'judged');
      return;
    case 'ValidatorSlashed':
      note(event.operator, 'slashed');
      return;
    case 'ValidatorJailed':
      note(event.operator, 'jailed');
      return;
    case 'ValidatorUnbonded':
      note(event.operator, 'unbonded');
      return;
    case 'PoolsReplenished':
    case 'ReserveDayRolled':
    case 'BlockEnded':
      return;
  }
}

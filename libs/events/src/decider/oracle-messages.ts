/**
 * Deciding the oracle's three messages with its handlers (which check everything, then mutate).
 */
import type { Rejection } from '@marketnode/errors';
import type { NodeState } from '@marketnode/node-state';
import { delegateFeedConsent, submitPrevote, submitVote } from '@marketnode/oracle';
import type { OracleCommand } from '../commands/commands.js';
import type { OracleEvent } from '../events/event.js';
import type { OracleMessageRejected } from '../events/oracle-events.js';

export function decideOracleCommand(state: NodeState, command: OracleCommand, height: bigint): OracleEvent {
  switch (command.type) {
    case 'DelegateFeedConsent': {
      const result = delegateFeedConsent(state, command);
      if (!result.ok) return rejected(command, result.error);
      return { type: 'FeederDelegated', operator: result.value.operator, delegate: result.value.delegate };
    }
    case 'SubmitPrevote': {
      const result = submitPrevote(state, command, height);
      if (!result.ok) return rejected(command, result.error);
      const { validator, feeder, hash, submitBlock } = result.value;
      return { type: 'PrevoteSubmitted', validator, feeder, hash, submitBlock };
    }
    case 'SubmitVote': {
      const result = submitVote(state, command, height);
      if (!result.ok) return rejected(command, result.error);
      const { validator, feeder, exchangeRatesText, exchangeRates } = result.value;
      return { type: 'VoteSubmitted', validator, feeder, exchangeRatesText, exchangeRates };
    }
  }
}

function rejected(command: OracleCommand, rejection: Rejection): OracleMessageRejected {
  const sender = command.type === 'DelegateFeedConsent' ? command.operator : command.feeder;
  const validator = command.type === 'DelegateFeedConsent' ? command.operator : command.validator;
  return {
    type: 'OracleMessageRejected',
    command: command.type,
    sender,
    validator,
    code: rejection.code,
    message: rejection.message,
  };
}

/**
 * The decider: one command against the node's state gives the events it produced. Pure and
 * synchronous: no I/O, no clock (the block's time arrives inside `EndBlock`), no randomness, no
 * float; the same state and command always give the same events and the same next state.
 *
 * It mutates `state` in place through the module handlers, which check everything before they
 * change anything: a rejected command (a `*Rejected` event) leaves every byte of state as it was.
 */
import type { NodeState } from '@marketnode/node-state';
import type { Command } from '../commands/commands.js';
import type { Event } from '../events/event.js';
import { decideEndBlock } from './end-block.js';
import { decideOracleCommand } from './oracle-messages.js';
import { decideSwap } from './swap.js';

export interface ApplyContext {
  /** The height of the block being built: oracle messages are stamped with it. */
  readonly height: bigint;
}

export function applyCommand(state: NodeState, command: Command, context: ApplyContext): Event[] {
  switch (command.type) {
    case 'Swap':
      return [decideSwap(state, command)];
    case 'DelegateFeedConsent':
    case 'SubmitPrevote':
    case 'SubmitVote':
      return [decideOracleCommand(state, command, context.height)];
    case 'EndBlock':
      if (command.height !== context.height) {
        throw new Error(
          `assertion failed: EndBlock of ${command.height} applied at height ${context.height}`,
        );
      }
      return decideEndBlock(state, command);
  }
}

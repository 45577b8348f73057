/**
 * One readable line per log entry for `marketnode log inspect`: the command (who asked what) and
 * what it decided, with the numbers a reader looks for first (paid, spread, error code).
 */
import * as dec from '@marketnode/dec';
import type { Command, Event } from '@marketnode/events';

/** Rates texts can be 4 KiB; a line shows the start. */
const TEXT_SHOWN_CHARS_MAX = 60;

export function commandSummary(command: Command): string {
  switch (command.type) {
    case 'Swap': {
      const to = command.receiver === command.trader ? '' : ` to ${command.receiver}`;
      return `Swap ${command.trader} ${dec.formatCoin(command.offer)} -> ${command.askDenom}${to} (request ${command.requestId})`;
    }
    case 'DelegateFeedConsent':
      return `DelegateFeedConsent ${command.operator} -> ${command.delegate}`;
    case 'SubmitPrevote':
      return `SubmitPrevote ${command.validator} by ${command.feeder} hash ${command.hash}`;
    case 'SubmitVote':
      return `SubmitVote ${command.validator} by ${command.feeder} ${shortened(command.exchangeRatesText)}`;
    case 'EndBlock':
      return `EndBlock ${command.height} at ${timeText(command.timeMs)}`;
  }
}

export function eventsSummary(events: readonly Event[]): string {
  return events.map(eventSummary).join('; ');
}

function eventSummary(event: Event): string {
  switch (event.type) {
    case 'SwapExecuted':
      return (
        `SwapExecuted paid ${dec.formatCoin(event.swapCoin)} to ${event.receiver} via ${event.venue}, ` +
        `spread ${dec.format(event.spread)}, fee ${dec.formatCoin(event.feeCoin)}`
      );
    case 'SwapRejected':
    case 'OracleMessageRejected':
      return `${event.type} ${event.code}: ${shortened(event.message)}`;
    case 'ExchangeRatesTallied':
      return `ExchangeRatesTallied ${event.exchangeRates.length} rates`;
    case 'ValidatorSlashed':
    case 'ValidatorJailed':
    case 'ValidatorUnbonded':
      return `${event.type} ${event.operator}`;
    default:
      return event.type;
  }
}

function shortened(text: string): string {
  return text.length <= TEXT_SHOWN_CHARS_MAX ? text : `${text.slice(0, TEXT_SHOWN_CHARS_MAX)}...`;
}

function timeText(timeMs: bigint): string {
  const ms = Number(timeMs);
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? `${timeMs} ms` : date.toISOString();
}

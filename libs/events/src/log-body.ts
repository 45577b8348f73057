/**
 * The body of a log entry: the command and the events it produced, as one canonical msgpack map
 * `{ command, events }`. The log store hashes and chains it without looking inside; replay proves
 * itself by re-encoding the events it produces and comparing with these bytes.
 */
import { DecodeError } from './codec/decode-error.js';
import { decodeWire, encodeWire } from './codec/wire.js';
import { commandFromWire, commandToWire } from './commands/command-codec.js';
import type { Command } from './commands/commands.js';
import type { Event } from './events/event.js';
import { eventsFromWire, eventsToWire } from './events/event-codec.js';

export interface LogBody {
  readonly command: Command;
  readonly events: readonly Event[];
}

export function encodeLogBody(command: Command, events: readonly Event[]): Uint8Array {
  return encodeWire({ command: commandToWire(command), events: eventsToWire(events) });
}

export function decodeLogBody(bytes: Uint8Array): LogBody {
  const value = decodeWire(bytes, 'body');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DecodeError('body', 'not a map of command and events');
  }
  const record = value as Record<string, unknown>;
  return {
    command: commandFromWire(record['command'], { path: 'body.command' }),
    events: eventsFromWire(record['events'], { path: 'body.events' }),
  };
}

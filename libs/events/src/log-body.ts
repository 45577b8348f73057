/**
 * The body of a log entry: the command and the events it produced, as one canonical msgpack map
 * `{ command, events }`. The log store hashes and chains it without looking inside; replay proves
 * itself by re-encoding the events it produces and comparing with these bytes.
 *
 * Written straight into bytes with the lib's writer (the engine writes one body per command, on its
 * hot path): the same bytes as `encodeWire({ command: commandToWire(c), events: eventsToWire(e) })`,
 * which a test holds it to. An engine that already has an event's bytes (to reply with them) passes
 * them in instead of encoding the event twice.
 */
import { DecodeError } from './codec/decode-error.js';
import { encodedString, MsgpackWriter } from './codec/msgpack-writer.js';
import { decodeWire } from './codec/wire.js';
import { commandFromWire, writeCommand } from './commands/command-codec.js';
import type { Command } from './commands/commands.js';
import type { Event } from './events/event.js';
import { eventsFromWire, writeEvent } from './events/event-codec.js';

export interface LogBody {
  readonly command: Command;
  readonly events: readonly Event[];
}

const COMMAND_KEY = encodedString('command');
const EVENTS_KEY = encodedString('events');
const writer = new MsgpackWriter();

export function encodeLogBody(command: Command, events: readonly Event[]): Uint8Array {
  writeHead(command, events.length);
  for (const event of events) writeEvent(writer, event);
  return writer.finish();
}

/** The same bytes as `encodeLogBody(command, events)`, given each event's `encodeEvent` bytes. */
export function encodeLogBodyOfEncoded(command: Command, encodedEvents: readonly Uint8Array[]): Uint8Array {
  writeHead(command, encodedEvents.length);
  for (const bytes of encodedEvents) writer.raw(bytes);
  return writer.finish();
}

function writeHead(command: Command, eventCount: number): void {
  writer.reset();
  writer.mapHeader(2);
  writer.raw(COMMAND_KEY);
  writeCommand(writer, command);
  writer.raw(EVENTS_KEY);
  writer.arrayHeader(eventCount);
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

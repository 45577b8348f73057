/**
 * The canonical wire form of commands, and reading it back with upcasting and validation.
 */
import { denomCodec, coinCodec, identityCodec, requestIdCodec } from '../codec/domain-codecs.js';
import { textCodec, uint64Codec } from '../codec/field-codecs.js';
import { decodeMessage, messageCodec, type MessageCodec } from '../codec/message-codec.js';
import { MsgpackWriter } from '../codec/msgpack-writer.js';
import { decodeWire, type WireRecord } from '../codec/wire.js';
import { EXCHANGE_RATES_TEXT_LENGTH_MAX, PREVOTE_HASH_LENGTH_MAX, SALT_LENGTH_MAX } from '../limits.js';
import type { DecodeOptions } from '../versioning/upcasters.js';
import type { Command, DelegateFeedConsent, EndBlock, SubmitPrevote, SubmitVote, Swap } from './commands.js';

const swapCodec = messageCodec<Swap>('Swap', {
  requestId: requestIdCodec,
  trader: identityCodec,
  receiver: identityCodec,
  offer: coinCodec,
  askDenom: denomCodec,
});

const delegateFeedConsentCodec = messageCodec<DelegateFeedConsent>('DelegateFeedConsent', {
  operator: identityCodec,
  delegate: identityCodec,
});

const submitPrevoteCodec = messageCodec<SubmitPrevote>('SubmitPrevote', {
  feeder: identityCodec,
  validator: identityCodec,
  hash: textCodec({ lengthMax: PREVOTE_HASH_LENGTH_MAX }),
});

const submitVoteCodec = messageCodec<SubmitVote>('SubmitVote', {
  feeder: identityCodec,
  validator: identityCodec,
  salt: textCodec({ lengthMax: SALT_LENGTH_MAX }),
  exchangeRatesText: textCodec({ lengthMax: EXCHANGE_RATES_TEXT_LENGTH_MAX }),
});

const endBlockCodec = messageCodec<EndBlock>('EndBlock', { height: uint64Codec, timeMs: uint64Codec });

const COMMAND_CODECS: ReadonlyMap<string, MessageCodec<Command>> = new Map(
  [swapCodec, delegateFeedConsentCodec, submitPrevoteCodec, submitVoteCodec, endBlockCodec].map((codec) => [
    codec.type,
    codec as unknown as MessageCodec<Command>,
  ]),
);

/** The command as a msgpack-ready map (`v`, `type`, then its fields in a fixed order). */
export function commandToWire(command: Command): WireRecord {
  return (COMMAND_CODECS.get(command.type) as MessageCodec<Command>).encode(command);
}

/** Validates (after upcasting) a decoded wire value as a command; DecodeError naming the path. */
export function commandFromWire(
  wire: unknown,
  options: DecodeOptions & { readonly path?: string } = {},
): Command {
  return decodeMessage(COMMAND_CODECS, wire, {
    path: options.path ?? 'command',
    upcasters: options.upcasters,
  });
}

const writer = new MsgpackWriter();

/** Writes the command's canonical bytes into `to` (for messages that embed commands). */
export function writeCommand(to: MsgpackWriter, command: Command): void {
  (COMMAND_CODECS.get(command.type) as MessageCodec<Command>).write(to, command);
}

/** The canonical bytes: the same as `encodeWire(commandToWire(command))`, written directly. */
export function encodeCommand(command: Command): Uint8Array {
  writer.reset();
  writeCommand(writer, command);
  return writer.finish();
}

export function decodeCommand(bytes: Uint8Array, options: DecodeOptions = {}): Command {
  return commandFromWire(decodeWire(bytes, 'command'), options);
}

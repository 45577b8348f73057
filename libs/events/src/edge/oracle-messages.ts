/**
 * Oracle messages from the wire (docs/protocol.md). The subject names the kind and the validator;
 * the engine derives the feeder (the validator's registered delegate, or its own account). So the
 * identities are arguments and the payloads carry only what the message says:
 *
 *     DelegateFeedConsent  { delegate }                 (the operator is the validator)
 *     SubmitPrevote        { hash }
 *     SubmitVote           { salt, exchangeRates }       (the rates text, kept exactly as sent)
 *
 * Only sanity bounds are checked here: the reference's rules (40 hex characters of hash, a salt of
 * 1-4 bytes, at most 4096 bytes of rates, known denoms) stay with the handlers, which record a
 * rejection with the reference's code.
 */
import { fail, type Result } from '@marketnode/errors';
import type { OracleCommand } from '../commands/commands.js';
import type { WireRecord } from '../codec/wire.js';
import { EXCHANGE_RATES_TEXT_LENGTH_MAX, PREVOTE_HASH_LENGTH_MAX, SALT_LENGTH_MAX } from '../limits.js';
import { checkTransportIdentity, guardEdge, readIdentity, readRecord, readText } from './field-readers.js';
import { readPayload } from './payload.js';

const PATH = 'payload';

export type OracleCommandKind = OracleCommand['type'];

/** The kind and the identities, all from the subject (the feeder as the engine derived it). */
export type OracleMessageOptions =
  | { readonly kind: 'DelegateFeedConsent'; readonly validator: string }
  | { readonly kind: 'SubmitPrevote' | 'SubmitVote'; readonly validator: string; readonly feeder: string };

const FIELDS: Readonly<Record<OracleCommandKind, readonly string[]>> = {
  DelegateFeedConsent: ['delegate'],
  SubmitPrevote: ['hash'],
  SubmitVote: ['salt', 'exchangeRates'],
};

function commandOf(record: WireRecord, options: OracleMessageOptions): OracleCommand {
  const validator = checkTransportIdentity(options.validator, 'validator');
  switch (options.kind) {
    case 'DelegateFeedConsent':
      return { type: options.kind, operator: validator, delegate: readIdentity(record, 'delegate', PATH) };
    case 'SubmitPrevote':
      return {
        type: options.kind,
        feeder: checkTransportIdentity(options.feeder, 'feeder'),
        validator,
        hash: readText(record, 'hash', PATH, { lengthMax: PREVOTE_HASH_LENGTH_MAX }),
      };
    case 'SubmitVote':
      return {
        type: options.kind,
        feeder: checkTransportIdentity(options.feeder, 'feeder'),
        validator,
        salt: readText(record, 'salt', PATH, { lengthMax: SALT_LENGTH_MAX }),
        exchangeRatesText: readText(record, 'exchangeRates', PATH, {
          lengthMax: EXCHANGE_RATES_TEXT_LENGTH_MAX,
        }),
      };
  }
}

/** The command of `options.kind`, or the edge rejection. Never throws. */
export function parseOracleMessage(payload: unknown, options: OracleMessageOptions): Result<OracleCommand> {
  const read = readPayload(payload);
  if (!read.ok) return fail(read.error);
  return guardEdge(() => commandOf(readRecord(read.value, PATH, FIELDS[options.kind]), options));
}

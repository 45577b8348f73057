/**
 * Request/reply plumbing shared by the ledger's responders: decode the msgpack request at the edge,
 * run the handler, always answer with a `WireReply` (a typed error for bad input, never a crash).
 */
import {
  decodeRequest,
  integerOf,
  encodeReply,
  errorReply,
  okReply,
  type WireError,
  type WireReply,
} from '@marketnode/nats-kit';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { LedgerError } from '../errors.js';

export const LEDGER_QUEUE_GROUP = 'ledger';

/** Seqs and heights are unsigned 64-bit, as the log's keys. */
const UINT64_MAX = (1n << 64n) - 1n;

/** A seq or height field: an integer from 1 to 2^64-1, or `fallback` when absent. */
export function positiveUint64Field(
  request: Readonly<Record<string, unknown>>,
  field: string,
  fallback?: bigint,
): bigint {
  const raw = request[field];
  const value = raw === undefined ? fallback : integerOf(raw);
  if (value === undefined || value < 1n || value > UINT64_MAX)
    throw invalidRequest(field, 'an integer from 1 to 2^64-1');
  return value;
}

export function invalidRequest(field: string, rule: string): LedgerError {
  return new LedgerError('LEDGER_ERR_INVALID_REQUEST', `request field "${field}": ${rule}`);
}

export type Handler = (request: Readonly<Record<string, unknown>>) => unknown;

export function respond(options: {
  readonly nc: NatsConnection;
  readonly subject: string;
  readonly handler: Handler;
  readonly onError?: (error: unknown) => void;
}): Subscription {
  return options.nc.subscribe(options.subject, {
    queue: LEDGER_QUEUE_GROUP,
    callback: (error, msg) => {
      if (error !== null) return;
      msg.respond(encodeReply(answer(msg, options)));
    },
  });
}

function answer(
  msg: Msg,
  options: { readonly handler: Handler; readonly onError?: (error: unknown) => void },
): WireReply<unknown> {
  const decoded = decodeRequest(msg.data);
  if (!decoded.ok) return decoded;
  const request = decoded.value;
  if (typeof request !== 'object' || request === null || Array.isArray(request))
    return errorReply(requestError('the request is not a msgpack map'));
  try {
    return okReply(options.handler(request as Record<string, unknown>));
  } catch (error) {
    if (error instanceof LedgerError)
      return errorReply({ code: error.code, message: error.message, hint: HINT_OPERATIONAL });
    options.onError?.(error);
    return errorReply({
      code: 'LEDGER_ERR_INTERNAL',
      message: `the ledger failed to answer: ${error instanceof Error ? error.message : String(error)}`,
      hint: "This is a bug: the ledger's log has the details; retry later.",
    });
  }
}

const HINT_OPERATIONAL = 'docs/errors.md says what to do; docs/protocol.md lists every ledger request.';

function requestError(message: string): WireError {
  return { code: 'LEDGER_ERR_INVALID_REQUEST', message, hint: HINT_OPERATIONAL };
}

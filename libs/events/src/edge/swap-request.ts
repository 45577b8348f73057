/**
 * Swap, quote and balance requests from the wire (docs/protocol.md). The trader is the identity the
 * engine derived from the subject; the payload says only what to swap:
 *
 *     market.swap.<trader>        { requestId, offer: { denom, amount }, askDenom }
 *     market.swap-send.<trader>   { requestId, offer: { denom, amount }, askDenom, receiver }
 *
 * The core's own rules (a zero offer, a recursive swap, no rate, ...) are left to the handlers,
 * which record them with the reference's codes; only what cannot even be a command is refused here.
 */
import type { Coin } from '@marketnode/dec';
import { fail, type Result } from '@marketnode/errors';
import type { Swap } from '../commands/commands.js';
import { field } from '../codec/field-codecs.js';
import type { WireRecord } from '../codec/wire.js';
import { ACCOUNT_PATTERN, REQUEST_ID_PATTERN } from '../limits.js';
import {
  checkTransportIdentity,
  guardEdge,
  readAmount,
  readIdentity,
  readKnownDenom,
  readMatching,
  readRecord,
} from './field-readers.js';
import { readPayload } from './payload.js';

const SWAP_FIELDS = ['requestId', 'offer', 'askDenom'];
const SWAP_SEND_FIELDS = [...SWAP_FIELDS, 'receiver'];
const QUOTE_FIELDS = ['offer', 'askDenom'];
const COIN_FIELDS = ['denom', 'amount'];
const PATH = 'payload';

export interface SwapRequestOptions {
  /** From the subject the request came on. */
  readonly trader: string;
  /** `knownDenoms(state)`. */
  readonly knownDenoms: ReadonlySet<string>;
  /** `swapSend` (MsgSwapSend) requires a `receiver`; `swap` (MsgSwap, the default) pays the trader. */
  readonly variant?: 'swap' | 'swapSend';
}

export function parseSwapRequest(payload: unknown, options: SwapRequestOptions): Result<Swap> {
  const read = readPayload(payload);
  if (!read.ok) return fail(read.error);
  return guardEdge((): Swap => {
    const trader = checkTransportIdentity(options.trader, 'trader');
    const send = options.variant === 'swapSend';
    const record = readRecord(read.value, PATH, send ? SWAP_SEND_FIELDS : SWAP_FIELDS);
    const requestId = readMatching(record, 'requestId', PATH, REQUEST_ID_PATTERN);
    const offer = readOffer(record, options.knownDenoms);
    const askDenom = readKnownDenom(record, 'askDenom', PATH, options.knownDenoms);
    const receiver = send ? readIdentity(record, 'receiver', PATH) : trader;
    return { type: 'Swap', requestId, trader, receiver, offer, askDenom };
  });
}

export interface QuoteRequest {
  readonly offer: Coin;
  readonly askDenom: string;
}

/** `{ offer: { denom, amount }, askDenom }`: a quote (the `Swap` query) has no side effect and no identity. */
export function parseQuoteRequest(
  payload: unknown,
  options: { readonly knownDenoms: ReadonlySet<string> },
): Result<QuoteRequest> {
  const read = readPayload(payload);
  if (!read.ok) return fail(read.error);
  return guardEdge((): QuoteRequest => {
    const record = readRecord(read.value, PATH, QUOTE_FIELDS);
    const offer = readOffer(record, options.knownDenoms);
    return { offer, askDenom: readKnownDenom(record, 'askDenom', PATH, options.knownDenoms) };
  });
}

function readOffer(record: WireRecord, knownDenoms: ReadonlySet<string>): Coin {
  const path = `${PATH}.offer`;
  const offer = readRecord(field(record, 'offer', PATH), path, COIN_FIELDS);
  return {
    denom: readKnownDenom(offer, 'denom', path, knownDenoms),
    amount: readAmount(offer, 'amount', path),
  };
}

/** `{ account }`: any account's balances are public, module accounts included. */
export function parseBalanceQuery(payload: unknown): Result<{ readonly account: string }> {
  const read = readPayload(payload);
  if (!read.ok) return fail(read.error);
  return guardEdge(() => ({
    account: readMatching(readRecord(read.value, PATH, ['account']), 'account', PATH, ACCOUNT_PATTERN),
  }));
}

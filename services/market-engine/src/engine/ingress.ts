/**
 * NATS ingress: subscriptions that validate at the edge and only enqueue. A malformed payload is
 * answered at once with a typed error and never reaches the log; a full inbox answers `busy` at
 * once. Identities come from the subject (docs/protocol.md), never from the payload.
 */
import { REJECTIONS, reject, type Rejection, type Result } from '@marketnode/errors';
import {
  parseBalanceQuery,
  parseOracleMessage,
  parseQuoteRequest,
  parseSwapRequest,
  PAYLOAD_BYTES_MAX,
  readSwapRequestBytes,
  type OracleCommand,
} from '@marketnode/events';
import {
  decodePayload,
  encodeReply,
  errorReply,
  oracleActionPattern,
  parseSubject,
  SUBJECTS,
  type OracleAction,
} from '@marketnode/nats-kit';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import type { BoundedInbox } from '../inbox.js';
import { wireError } from './apply-batch.js';
import type { WorkItem } from './work-item.js';

export const CONTROL_TICK_SUBJECT = 'engine.control.tick';

export interface IngressOptions {
  readonly nc: NatsConnection;
  readonly inbox: BoundedInbox<WorkItem>;
  readonly knownDenoms: ReadonlySet<string>;
  readonly externalTicks: boolean;
  /** Called for every message refused at the edge (metrics, logs). */
  readonly onRefused?: (subject: string, error: Rejection) => void;
  /** Called as each accepted swap is answered, with when it arrived (`performance.now()`, ms). */
  readonly onSwapAnswered?: (receivedMs: number) => void;
}

const ORACLE_KINDS: Readonly<Record<OracleAction, OracleCommand['type']>> = {
  delegate: 'DelegateFeedConsent',
  prevote: 'SubmitPrevote',
  vote: 'SubmitVote',
};

export function attachIngress(options: IngressOptions): Subscription[] {
  const { nc } = options;
  const on = (subject: string, handle: (options: IngressOptions, msg: Msg) => void): Subscription =>
    nc.subscribe(subject, {
      callback: (error, msg) => {
        if (error === null) handle(options, msg);
      },
    });
  const subscriptions = [
    on(SUBJECTS.swaps, onSwap),
    on(SUBJECTS.swapSends, onSwap),
    on(SUBJECTS.queries, onQuery),
  ];
  for (const action of Object.keys(ORACLE_KINDS) as OracleAction[]) {
    subscriptions.push(on(oracleActionPattern(action), onOracle));
  }
  if (options.externalTicks) {
    const onTick = (o: IngressOptions, msg: Msg) =>
      enqueue(o, msg, { kind: 'tick', respond: (r) => msg.respond(r) });
    subscriptions.push(on(CONTROL_TICK_SUBJECT, onTick));
  }
  return subscriptions;
}

function refuse(options: IngressOptions, msg: Msg, error: Rejection): void {
  options.onRefused?.(msg.subject, error);
  if (msg.reply !== undefined && msg.reply !== '') msg.respond(encodeReply(errorReply(wireError(error))));
}

function enqueue(options: IngressOptions, msg: Msg, item: WorkItem): void {
  if (!options.inbox.offer(item))
    refuse(options, msg, reject(REJECTIONS.engineBusy, `${options.inbox.capacity} commands queued`));
}

/** The payload as a value, or a refusal already sent. */
function payloadOf(options: IngressOptions, msg: Msg): { ok: true; value: unknown } | { ok: false } {
  const decoded = decodePayload(msg.data, { bytesMax: PAYLOAD_BYTES_MAX });
  if (decoded.ok) return decoded;
  const kind = decoded.reason === 'tooLarge' ? REJECTIONS.payloadTooLarge : REJECTIONS.malformedPayload;
  refuse(options, msg, reject(kind, decoded.detail));
  return { ok: false };
}

function accepted<T>(options: IngressOptions, msg: Msg, result: Result<T>): T | undefined {
  if (result.ok) return result.value;
  refuse(options, msg, result.error);
  return undefined;
}

function onSwap(options: IngressOptions, msg: Msg): void {
  const receivedMs = performance.now();
  const subject = parseSubject(msg.subject);
  if (subject?.kind !== 'swap' && subject?.kind !== 'swapSend') return;
  const variant = subject.kind === 'swap' ? 'swap' : 'swapSend';
  // The common form is read straight from the bytes (the same value the generic decoder gives);
  // everything else, malformed input included, goes through the generic decoder and its errors.
  let value: unknown = variant === 'swap' ? readSwapRequestBytes(msg.data) : undefined;
  if (value === undefined) {
    const payload = payloadOf(options, msg);
    if (!payload.ok) return;
    value = payload.value;
  }
  const parsed = parseSwapRequest(value, {
    trader: subject.trader,
    knownDenoms: options.knownDenoms,
    variant,
  });
  const command = accepted(options, msg, parsed);
  if (command === undefined) return;
  enqueue(options, msg, { kind: 'swap', command, respond: swapAnswerer(options, msg, receivedMs) });
}

/**
 * Returned, not assigned: tsx compiles with esbuild's keepNames, which names every function bound to
 * a name or a property through a defineProperty call on each creation, about 1 us a swap here
 * (`bind` measured no cheaper: the function it binds is renamed the same way).
 */
function swapAnswerer(options: IngressOptions, msg: Msg, receivedMs: number): (reply: Uint8Array) => void {
  return (reply) => {
    msg.respond(reply);
    options.onSwapAnswered?.(receivedMs);
  };
}

function onQuery(options: IngressOptions, msg: Msg): void {
  const subject = parseSubject(msg.subject);
  if (subject?.kind !== 'query') return;
  const payload = payloadOf(options, msg);
  if (!payload.ok) return;
  const respond = (r: Uint8Array) => msg.respond(r);
  if (subject.query === 'quote') {
    const quote = accepted(
      options,
      msg,
      parseQuoteRequest(payload.value, { knownDenoms: options.knownDenoms }),
    );
    if (quote !== undefined) enqueue(options, msg, { kind: 'quote', ...quote, respond });
  } else if (subject.query === 'balance') {
    const query = accepted(options, msg, parseBalanceQuery(payload.value));
    if (query !== undefined)
      enqueue(options, msg, { kind: 'query', query: 'balance', account: query.account, respond });
  } else {
    enqueue(options, msg, { kind: 'query', query: subject.query, respond });
  }
}

/**
 * Oracle messages are fire-and-forget; their result is published after commit. The feeder is
 * filled in by the loop from the state at apply time (the validator's delegate or own account):
 * here it is only a placeholder.
 */
function onOracle(options: IngressOptions, msg: Msg): void {
  const subject = parseSubject(msg.subject);
  if (subject?.kind !== 'oracle') return;
  const payload = payloadOf(options, msg);
  if (!payload.ok) return;
  const kind = ORACLE_KINDS[subject.action];
  const parseOptions =
    kind === 'DelegateFeedConsent'
      ? { kind, validator: subject.validator }
      : { kind, validator: subject.validator, feeder: subject.validator };
  const command = accepted(options, msg, parseOracleMessage(payload.value, parseOptions));
  if (command !== undefined) enqueue(options, msg, { kind: 'oracle', command });
}

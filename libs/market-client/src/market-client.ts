/**
 * The typed client of the market engine (docs/protocol.md): swaps and queries as request/reply
 * through one shared reply inbox, oracle messages as fire-and-forget publishes with their result on
 * the validator's result subject, and the engine's published streams.
 *
 * Every await is bounded: connecting (`connectTimeoutMs`), each request and each publish's flush
 * (`timeoutMs`), closing (nats-kit's drain bound) and waiting for an oracle result (its own
 * `timeoutMs`). Business rejections come back as values (`{ ok: false, error }`); transport
 * failures are thrown as named errors with a `code` (nats-kit's, or this client's).
 */
import { randomUUID } from 'node:crypto';
import type { Coin } from '@marketnode/dec';
import {
  REQUEST_TIMEOUT_MS,
  SharedInboxRequester,
  closeNats,
  connectNats,
  decodePayload,
  encodePayload,
  isSingleCommittedEntry,
  isSubjectToken,
  oracleResultSubject,
  oracleSubject,
  parseSubject,
  querySubject,
  requestWire,
  swapSendSubject,
  swapSubject,
  withTimeout,
  SUBJECTS,
  type NatsUserAuth,
  type OracleAction,
  type QueryKind,
} from '@marketnode/nats-kit';
import type { Msg, NatsConnection } from '@nats-io/transport-node';
import { ClientClosedError, ConnectFailedError, InvalidArgumentError } from './client-errors.js';
import { MessageStream, type MessageStreamOptions } from './message-stream.js';
import { waitForOracleResult } from './oracle-result-wait.js';
import { ReplyFields } from './reply-fields.js';
import {
  engineErrorOf,
  readBalance,
  readBlockHeader,
  readOracleOutcome,
  readParams,
  readPool,
  readQuote,
  readRates,
  readReserve,
  readSwapExecution,
} from './view-readers.js';
import type {
  Answer,
  BalanceView,
  BlockHeader,
  CommittedMessage,
  OracleResult,
  ParamsView,
  PoolView,
  Quote,
  RatesView,
  ReserveView,
  SwapResult,
} from './views.js';

/** docs/protocol.md: a request id is 1-128 of `[A-Za-z0-9_.:-]`. */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;

export interface MarketClientOptions {
  readonly servers: string | readonly string[];
  /** Shown in the server's connection list. */
  readonly name?: string;
  /** Bound on each request (from the call, waiting included) and on each publish's flush. */
  readonly timeoutMs?: number;
  readonly connectTimeoutMs?: number;
  /** Default true; tools that should fail fast when the server goes away pass false. */
  readonly reconnect?: boolean;
  /** Reply subjects start with this (give each user its own so permissions keep replies private). */
  readonly inboxPrefix?: string;
  /** User and password when the server authenticates (deploy/nats/nats-server.conf). */
  readonly auth?: NatsUserAuth;
}

export interface SwapRequest {
  readonly trader: string;
  /** The idempotency key; a fresh UUID when absent. */
  readonly requestId?: string;
  readonly offer: Coin;
  readonly askDenom: string;
  /** Given: swap-and-send to this account (`market.swap-send`); absent: pay the trader. */
  readonly receiver?: string;
}

export class MarketClient {
  readonly timeoutMs: number;
  private closed = false;

  private constructor(
    /** The underlying connection, for subscriptions this client does not wrap. */
    readonly connection: NatsConnection,
    private readonly requester: SharedInboxRequester,
  ) {
    this.timeoutMs = requester.timeoutMs;
  }

  static async connect(options: MarketClientOptions): Promise<MarketClient> {
    let nc: NatsConnection;
    try {
      nc = await connectNats({
        servers: options.servers,
        name: options.name ?? 'market-client',
        ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
        ...(options.reconnect === undefined ? {} : { reconnect: options.reconnect }),
        ...(options.auth === undefined ? {} : { auth: options.auth }),
      });
    } catch (error) {
      const servers = typeof options.servers === 'string' ? options.servers : options.servers.join(', ');
      throw new ConnectFailedError(servers, { cause: error });
    }
    const requester = new SharedInboxRequester(nc, {
      timeoutMs: options.timeoutMs ?? REQUEST_TIMEOUT_MS,
      ...(options.inboxPrefix === undefined ? {} : { inboxPrefix: options.inboxPrefix }),
    });
    return new MarketClient(nc, requester);
  }

  /** Swaps (or swaps and sends) `offer` into `askDenom`. */
  async swap(request: SwapRequest): Promise<SwapResult> {
    this.assertOpen();
    const requestId = request.requestId ?? randomUUID();
    checkToken(request.trader, 'trader');
    if (request.receiver !== undefined) checkToken(request.receiver, 'receiver');
    if (!REQUEST_ID_PATTERN.test(requestId))
      throw new InvalidArgumentError('requestId', 'use 1 to 128 letters, digits, "_", ".", ":" or "-"');
    const subject =
      request.receiver === undefined ? swapSubject(request.trader) : swapSendSubject(request.trader);
    const value = {
      requestId,
      offer: { denom: request.offer.denom, amount: request.offer.amount },
      askDenom: request.askDenom,
      ...(request.receiver === undefined ? {} : { receiver: request.receiver }),
    };
    const reply = await requestWire(this.requester, { subject, value });
    if (!reply.ok) return { ok: false, requestId, error: engineErrorOf(reply.error) };
    const read = new ReplyFields(subject);
    const executed = readSwapExecution(read, reply.value);
    if (executed.requestId !== requestId)
      read.fail('value.requestId', `expected the request id sent (${requestId})`);
    return { ok: true, requestId, executed };
  }

  /** What swapping `offer` into `askDenom` would pay now; nothing is applied. */
  quote(request: { readonly offer: Coin; readonly askDenom: string }): Promise<Answer<Quote>> {
    const value = {
      offer: { denom: request.offer.denom, amount: request.offer.amount },
      askDenom: request.askDenom,
    };
    return this.query('quote', value, readQuote);
  }

  pool(): Promise<Answer<PoolView>> {
    return this.query('pool', {}, readPool);
  }

  rates(): Promise<Answer<RatesView>> {
    return this.query('rates', {}, readRates);
  }

  params(): Promise<Answer<ParamsView>> {
    return this.query('params', {}, readParams);
  }

  balance(account: string): Promise<Answer<BalanceView>> {
    return this.query('balance', { account }, readBalance);
  }

  reserve(): Promise<Answer<ReserveView>> {
    return this.query('reserve', {}, readReserve);
  }

  /** The validator names `delegate` as its feeder. The outcome comes on its result subject. */
  delegate(message: { readonly validator: string; readonly delegate: string }): Promise<void> {
    return this.publishOracle(message.validator, 'delegate', { delegate: message.delegate });
  }

  /** Commits to a vote: `hash` is the vote hash of salt, rates text and validator (40 hex characters). */
  prevote(message: { readonly validator: string; readonly hash: string }): Promise<void> {
    return this.publishOracle(message.validator, 'prevote', { hash: message.hash });
  }

  /** Reveals the prevoted vote: `exchangeRates` is the exact text that was hashed (`"80.0uusd,..."`). */
  vote(message: {
    readonly validator: string;
    readonly salt: string;
    readonly exchangeRates: string;
  }): Promise<void> {
    return this.publishOracle(message.validator, 'vote', {
      salt: message.salt,
      exchangeRates: message.exchangeRates,
    });
  }

  /**
   * The next result the engine publishes for `validator`. Call it BEFORE publishing the message
   * (and await it after): the subscription is sent first on the same connection, so the result
   * cannot slip past it. Rejects with `OracleResultTimeoutError` after `timeoutMs`.
   */
  waitOracleResult(validator: string, options: { readonly timeoutMs?: number } = {}): Promise<OracleResult> {
    this.assertOpen();
    checkToken(validator, 'validator');
    return waitForOracleResult(this.connection, {
      validator,
      timeoutMs: options.timeoutMs ?? this.timeoutMs,
      read: (msg) => this.readOracleResult(msg),
    });
  }

  /** Every result of `validator`'s oracle messages (of every validator when omitted). */
  subscribeOracleResults(
    validator?: string,
    options: MessageStreamOptions = {},
  ): MessageStream<OracleResult> {
    this.assertOpen();
    if (validator !== undefined) checkToken(validator, 'validator');
    const subject = validator === undefined ? SUBJECTS.oracleResults : oracleResultSubject(validator);
    return new MessageStream(this.connection, subject, (msg) => [this.readOracleResult(msg)], options);
  }

  /** `blocks.header`: one per block, after it is durable. */
  subscribeBlockHeaders(options: MessageStreamOptions = {}): MessageStream<BlockHeader> {
    this.assertOpen();
    return new MessageStream(
      this.connection,
      SUBJECTS.blockHeader,
      (msg) => [readBlockHeader(new ReplyFields(msg.subject), decodedOrFail(msg))],
      options,
    );
  }

  /** `events.committed.<seq>`: every log entry's stored bytes, in log order, after it is durable. */
  subscribeCommitted(options: MessageStreamOptions = {}): MessageStream<CommittedMessage> {
    this.assertOpen();
    return new MessageStream(this.connection, SUBJECTS.committed, readCommitted, options);
  }

  /** Abandons pending requests (`RequesterClosedError`), drains and closes the connection. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.requester.close();
    await closeNats(this.connection);
  }

  private async query<T>(
    kind: QueryKind,
    value: unknown,
    read: (fields: ReplyFields, value: unknown) => T,
  ): Promise<Answer<T>> {
    this.assertOpen();
    const subject = querySubject(kind);
    const reply = await requestWire(this.requester, { subject, value });
    if (!reply.ok) return { ok: false, error: engineErrorOf(reply.error) };
    return { ok: true, value: read(new ReplyFields(subject), reply.value) };
  }

  private async publishOracle(validator: string, action: OracleAction, value: unknown): Promise<void> {
    this.assertOpen();
    checkToken(validator, 'validator');
    const subject = oracleSubject({ validator, action });
    this.connection.publish(subject, encodePayload(value));
    // Fire and forget on the wire, but the caller learns that the server has it (or a timeout).
    await withTimeout(this.connection.flush(), {
      timeoutMs: this.timeoutMs,
      operation: `publishing ${subject}`,
    });
  }

  private readOracleResult(msg: Msg): OracleResult {
    const read = new ReplyFields(msg.subject);
    const parsed = parseSubject(msg.subject);
    if (parsed?.kind !== 'oracleResult') return read.fail('subject', 'not an oracle result subject');
    const outcome = readOracleOutcome(read, decodedOrFail(msg));
    return { ...outcome, validator: parsed.validator };
  }

  private assertOpen(): void {
    if (this.closed || this.connection.isClosed()) throw new ClientClosedError();
  }
}

function checkToken(token: string, argument: string): void {
  if (!isSubjectToken(token))
    throw new InvalidArgumentError(
      argument,
      `${JSON.stringify(token)} must be 1 to 128 letters, digits, "_" or "-"`,
    );
}

function decodedOrFail(msg: Msg): unknown {
  const decoded = decodePayload(msg.data);
  if (!decoded.ok) return new ReplyFields(msg.subject).fail('payload', decoded.detail);
  return decoded.value;
}

/**
 * One entry per message (its stored bytes, a msgpack map), or a batch: a msgpack list of the stored
 * bytes of consecutive entries, the first one's seq in the subject.
 */
function readCommitted(msg: Msg): CommittedMessage[] {
  const read = new ReplyFields(msg.subject);
  const parsed = parseSubject(msg.subject);
  if (parsed?.kind !== 'committed') return read.fail('subject', 'not events.committed.<seq>');
  // A copy: the reader may keep it past the connection's reuse of its read buffer.
  if (isSingleCommittedEntry(msg.data)) return [{ seq: parsed.seq, bytes: msg.data.slice() }];
  const decoded = decodedOrFail(msg);
  if (!Array.isArray(decoded)) return read.fail('payload', 'expected a list of entries or one entry');
  return decoded.map((bytes, index) => {
    if (!(bytes instanceof Uint8Array))
      return read.fail(`payload[${index}]`, 'expected the bytes of an entry');
    return { seq: parsed.seq + BigInt(index), bytes: bytes.slice() };
  });
}

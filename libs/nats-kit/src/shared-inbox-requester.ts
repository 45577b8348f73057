/**
 * Request/reply over ONE reply subscription, with many requests in flight.
 *
 * nats.js `request()` costs about 40 us of client CPU per call (a request object, a timer, a promise
 * race, an Error for async traces), which caps one client near 25k round trips/s. Here one
 * subscription on `<inbox>.*` receives every reply; a request is one publish with the reply subject
 * `<inbox>.<token>` and one entry in a Map of pending promises. Timeouts need no timer per request:
 * every request of a requester has the same timeout and requests are sent in the order they were
 * made, so the Map's insertion order is deadline order and a periodic sweep stops at the first
 * request still in time.
 *
 * Bounded: at most `inFlightMax` requests in flight; beyond that a request waits in a FIFO of at most
 * `waitingMax` (its timeout counts from the call, waiting included), or is refused at once when
 * `whenFull` is `'reject'`.
 */
import { nuid, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { PAYLOAD_BYTES_MAX } from './codec.js';
import {
  InFlightFullError,
  NoRespondersError,
  PayloadTooLargeError,
  PublishFailedError,
  RequestTimeoutError,
  RequesterClosedError,
} from './errors.js';

/** Enough to keep loopback NATS busy: DESIGN measured its best rate with 2048 in flight. */
export const IN_FLIGHT_MAX = 2048;
export const WAITING_MAX = 16_384;
export const REQUEST_TIMEOUT_MS = 5_000;
/** A timeout fires within this long after its deadline (or a tenth of the timeout, if smaller). */
export const TIMEOUT_SWEEP_MS_MAX = 100;
/** The status the server sends in place of a reply when nobody subscribes to the request's subject. */
const NO_RESPONDERS_STATUS = 503;

export interface SharedInboxRequesterOptions {
  readonly timeoutMs?: number;
  readonly inFlightMax?: number;
  readonly whenFull?: 'wait' | 'reject';
  readonly waitingMax?: number;
  readonly payloadBytesMax?: number;
  /** Give each user its own prefix (e.g. `_INBOX_<trader>`) so permissions can keep replies private. */
  readonly inboxPrefix?: string;
}

interface Call {
  readonly subject: string;
  /** Dropped once published, so a long wait for the reply does not hold the request's bytes. */
  data: Uint8Array | undefined;
  readonly deadlineMs: number;
  readonly resolve: (msg: Msg) => void;
  readonly reject: (error: Error) => void;
}

export class SharedInboxRequester {
  /** Replies arrive on `<inbox>.<token>`. */
  readonly inbox: string;
  readonly timeoutMs: number;
  readonly inFlightMax: number;
  readonly waitingMax: number;
  private readonly whenFull: 'wait' | 'reject';
  private readonly payloadBytesMax: number;
  private readonly pending = new Map<string, Call>();
  private waitingCalls: (Call | undefined)[] = [];
  private waitingHead = 0;
  private nextToken = 0;
  private closed: { readonly reason: string; readonly cause: Error | undefined } | undefined;
  private readonly subscription: Subscription;
  private readonly sweepTimer: NodeJS.Timeout;

  constructor(
    private readonly nc: NatsConnection,
    options: SharedInboxRequesterOptions = {},
  ) {
    this.timeoutMs = positiveInteger(options.timeoutMs ?? REQUEST_TIMEOUT_MS, 'timeoutMs');
    this.inFlightMax = positiveInteger(options.inFlightMax ?? IN_FLIGHT_MAX, 'inFlightMax');
    this.waitingMax = positiveInteger(options.waitingMax ?? WAITING_MAX, 'waitingMax');
    this.payloadBytesMax = positiveInteger(options.payloadBytesMax ?? PAYLOAD_BYTES_MAX, 'payloadBytesMax');
    this.whenFull = options.whenFull ?? 'wait';
    this.inbox = `${options.inboxPrefix ?? '_INBOX'}.${nuid.next()}`;
    // SUB and the first PUB travel in order on the same connection, so no flush is needed before use.
    this.subscription = nc.subscribe(`${this.inbox}.*`, {
      callback: (error, msg) => this.onReply(error, msg),
    });
    const sweepMs = Math.max(1, Math.min(TIMEOUT_SWEEP_MS_MAX, Math.floor(this.timeoutMs / 10)));
    this.sweepTimer = setInterval(() => this.sweep(), sweepMs);
    // The connection (or a pending promise's owner) keeps the process alive, not this timer.
    this.sweepTimer.unref();
    void nc.closed().then(() => this.shutdown('the NATS connection closed'));
  }

  get inFlight(): number {
    return this.pending.size;
  }

  get waiting(): number {
    return this.waitingCalls.length - this.waitingHead;
  }

  /**
   * Publishes `data` on `subject` and resolves with the reply. Rejects with `RequestTimeoutError`,
   * `NoRespondersError`, `InFlightFullError`, `PayloadTooLargeError`, `RequesterClosedError` or
   * `PublishFailedError`.
   */
  request(subject: string, data: Uint8Array): Promise<Msg> {
    if (this.closed !== undefined) return Promise.reject(this.closedError());
    const bytesMax = Math.min(this.payloadBytesMax, this.nc.info?.max_payload ?? Infinity);
    if (data.byteLength > bytesMax)
      return Promise.reject(new PayloadTooLargeError(data.byteLength, bytesMax));
    const deadlineMs = performance.now() + this.timeoutMs;
    return new Promise<Msg>((resolve, reject) => {
      const call: Call = { subject, data, deadlineMs, resolve, reject };
      // Joining the queue whenever anyone waits keeps sends in call order (the sweep relies on it).
      if (this.pending.size < this.inFlightMax && this.waiting === 0) this.send(call);
      else this.enqueue(call);
    });
  }

  /** Rejects every pending and waiting request with `RequesterClosedError` and unsubscribes. */
  close(): void {
    this.shutdown('the requester was closed');
  }

  private send(call: Call): void {
    const token = (this.nextToken++).toString(36);
    try {
      this.nc.publish(call.subject, call.data, { reply: `${this.inbox}.${token}` });
    } catch (error) {
      call.reject(
        this.nc.isClosed()
          ? new RequesterClosedError('the NATS connection is closed', { cause: error })
          : new PublishFailedError(call.subject, { cause: error }),
      );
      return;
    }
    call.data = undefined;
    this.pending.set(token, call);
  }

  private enqueue(call: Call): void {
    if (this.whenFull === 'reject') {
      call.reject(new InFlightFullError(this.inFlightMax, 0));
      return;
    }
    if (this.waiting >= this.waitingMax) {
      call.reject(new InFlightFullError(this.inFlightMax, this.waitingMax));
      return;
    }
    this.waitingCalls.push(call);
  }

  private onReply(error: Error | null, msg: Msg): void {
    if (error !== null) {
      this.shutdown(`the reply subscription failed (${error.message})`, error);
      return;
    }
    const token = msg.subject.slice(this.inbox.length + 1);
    const call = this.pending.get(token);
    if (call === undefined) return; // a late reply to a request that already timed out
    this.pending.delete(token);
    if (msg.data.length === 0 && msg.headers?.code === NO_RESPONDERS_STATUS)
      call.reject(new NoRespondersError(call.subject));
    else call.resolve(msg);
    this.admitWaiting();
  }

  private admitWaiting(): void {
    while (this.waitingHead < this.waitingCalls.length && this.pending.size < this.inFlightMax) {
      const call = this.waitingCalls[this.waitingHead] as Call;
      this.waitingCalls[this.waitingHead++] = undefined;
      this.send(call);
    }
    if (this.waitingHead === this.waitingCalls.length) {
      this.waitingCalls = [];
      this.waitingHead = 0;
    } else if (this.waitingHead > 1024 && this.waitingHead * 2 > this.waitingCalls.length) {
      this.waitingCalls = this.waitingCalls.slice(this.waitingHead);
      this.waitingHead = 0;
    }
  }

  /** Expires requests past their deadline, oldest first, and stops at the first one still in time. */
  private sweep(): void {
    const nowMs = performance.now();
    for (const [token, call] of this.pending) {
      if (call.deadlineMs > nowMs) break;
      this.pending.delete(token);
      call.reject(new RequestTimeoutError(call.subject, this.timeoutMs));
    }
    while (this.waitingHead < this.waitingCalls.length) {
      const call = this.waitingCalls[this.waitingHead] as Call;
      if (call.deadlineMs > nowMs) break;
      this.waitingCalls[this.waitingHead++] = undefined;
      call.reject(new RequestTimeoutError(call.subject, this.timeoutMs));
    }
    this.admitWaiting();
  }

  private shutdown(reason: string, cause?: Error): void {
    if (this.closed !== undefined) return;
    this.closed = { reason, cause };
    clearInterval(this.sweepTimer);
    const calls = [...this.pending.values(), ...this.waitingCalls.slice(this.waitingHead)];
    this.pending.clear();
    this.waitingCalls = [];
    this.waitingHead = 0;
    for (const call of calls) call?.reject(this.closedError());
    if (!this.nc.isClosed()) this.subscription.unsubscribe();
  }

  /** A fresh error per caller, so no two callers share (and mutate) one error object. */
  private closedError(): RequesterClosedError {
    const closed = this.closed as { reason: string; cause: Error | undefined };
    return new RequesterClosedError(
      closed.reason,
      closed.cause === undefined ? undefined : { cause: closed.cause },
    );
  }
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`SharedInboxRequester: ${name} must be a positive integer, got ${value}`);
  return value;
}

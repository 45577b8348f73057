/**
 * A subscription read as an async iterable of typed messages, with a bounded buffer.
 *
 * nats.js buffers a subscription's messages without limit while the reader is busy; a slow reader
 * of a busy stream (the committed events) would grow the process until it dies. Here at most
 * `bufferedMax` messages wait: a message arriving when the buffer is full is dropped and counted in
 * `dropped`, so the reader learns it fell behind (a committed-events reader sees the gap in the
 * seqs and repairs it from the log). A message that does not follow the protocol is not yielded:
 * it is counted in `malformed` and given to `onMalformed`, and the stream goes on.
 */
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { UnexpectedReplyError } from './client-errors.js';

/** About a minute of block headers or a few batches of committed events: plenty for a live reader. */
export const STREAM_BUFFERED_MAX = 10_000;

export interface MessageStreamOptions {
  readonly bufferedMax?: number;
  readonly onMalformed?: (error: UnexpectedReplyError) => void;
}

export class MessageStream<T> implements AsyncIterable<T> {
  /** Items dropped because the buffer was full. */
  dropped = 0;
  /** Messages that did not follow the protocol. */
  malformed = 0;
  private readonly buffered: T[] = [];
  private readonly bufferedMax: number;
  private readonly subscription: Subscription;
  private wake: (() => void) | undefined;
  private ended = false;
  private iterating = false;

  constructor(
    nc: NatsConnection,
    subject: string,
    /** The items of one message: usually one, several for a batched message. */
    private readonly read: (msg: Msg) => readonly T[],
    private readonly options: MessageStreamOptions = {},
  ) {
    this.bufferedMax = options.bufferedMax ?? STREAM_BUFFERED_MAX;
    this.subscription = nc.subscribe(subject, { callback: (error, msg) => this.receive(error, msg) });
    void this.subscription.closed.then(
      () => this.end(),
      () => this.end(),
    );
  }

  get subject(): string {
    return this.subscription.getSubject();
  }

  /** Stops the subscription; an iteration in progress ends after the messages already buffered. */
  unsubscribe(): void {
    if (!this.subscription.isClosed()) this.subscription.unsubscribe();
    this.end();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.iterating)
      throw new Error('a MessageStream can be iterated once; subscribe again for another reader');
    this.iterating = true;
    try {
      while (true) {
        const next = this.buffered.shift();
        if (next !== undefined) {
          yield next;
          continue;
        }
        if (this.ended) return;
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    } finally {
      this.unsubscribe();
    }
  }

  private receive(error: Error | null, msg: Msg): void {
    if (error !== null || this.ended) return;
    let values: readonly T[];
    try {
      values = this.read(msg);
    } catch (readError) {
      if (!(readError instanceof UnexpectedReplyError)) throw readError;
      this.malformed++;
      this.options.onMalformed?.(readError);
      return;
    }
    for (const value of values) {
      if (this.buffered.length >= this.bufferedMax) this.dropped++;
      else this.buffered.push(value);
    }
    this.notify();
  }

  private end(): void {
    this.ended = true;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

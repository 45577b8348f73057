/**
 * Matches the engine's results on `oracle.<validator>.result` to the messages this feeder sent.
 *
 * The engine applies one validator's messages in the order they were published on one connection,
 * and publishes each result after its batch is durable, so results come in sending order. A result
 * that names its event (`PrevoteSubmitted`, `VoteSubmitted`) goes to the oldest waiting message of
 * that kind; a rejection names no kind and goes to the oldest waiting message. Every wait is bounded:
 * a message with no result within `timeoutMs` counts as failed (the engine may be down or busy).
 */
import type { MessageStream, OracleResult } from '@marketnode/market-client';

export type OracleMessageKind = 'prevote' | 'vote';

export type MessageOutcome =
  | { readonly kind: 'accepted'; readonly event: Readonly<Record<string, unknown>> }
  | { readonly kind: 'rejected'; readonly code: string; readonly message: string }
  | { readonly kind: 'timeout'; readonly timeoutMs: number }
  /** The feeder stopped before the result came: nothing is known, nothing is counted. */
  | { readonly kind: 'abandoned' };

/** Results waited for at once per validator: a vote and a prevote per period, with room to spare. */
export const RESULT_WAITERS_MAX = 64;

const EVENT_KIND: Readonly<Record<string, OracleMessageKind>> = {
  PrevoteSubmitted: 'prevote',
  VoteSubmitted: 'vote',
};

interface Waiter {
  readonly kind: OracleMessageKind;
  readonly resolve: (outcome: MessageOutcome) => void;
  readonly timer: NodeJS.Timeout;
}

export class OracleResultQueue {
  private readonly waiters: Waiter[] = [];
  private readonly reading: Promise<void>;

  constructor(
    private readonly results: MessageStream<OracleResult>,
    private readonly options: {
      readonly timeoutMs: number;
      /** A result no message of ours was waiting for (another sender, or one that came too late). */
      readonly onUnmatched: (result: OracleResult) => void;
    },
  ) {
    this.reading = this.read();
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /** Call BEFORE publishing the message, so its result cannot arrive before anyone waits. */
  expect(kind: OracleMessageKind): Promise<MessageOutcome> {
    if (this.waiters.length >= RESULT_WAITERS_MAX) return Promise.resolve({ kind: 'timeout', timeoutMs: 0 });
    return new Promise((resolve) => {
      const waiter: Waiter = {
        kind,
        resolve,
        timer: setTimeout(() => {
          this.remove(waiter);
          resolve({ kind: 'timeout', timeoutMs: this.options.timeoutMs });
        }, this.options.timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Stops reading; every message still waiting resolves as abandoned. */
  async close(): Promise<void> {
    this.results.unsubscribe();
    await this.reading;
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.resolve({ kind: 'abandoned' });
    }
  }

  private async read(): Promise<void> {
    for await (const result of this.results) this.settle(result);
  }

  private settle(result: OracleResult): void {
    const kind = result.ok ? EVENT_KIND[result.event.type] : undefined;
    if (result.ok && kind === undefined) return this.options.onUnmatched(result);
    const waiter = this.waiters.find((candidate) => kind === undefined || candidate.kind === kind);
    if (waiter === undefined) return this.options.onUnmatched(result);
    this.remove(waiter);
    clearTimeout(waiter.timer);
    waiter.resolve(
      result.ok
        ? { kind: 'accepted', event: result.event }
        : { kind: 'rejected', code: result.error.code, message: result.error.message },
    );
  }

  private remove(waiter: Waiter): void {
    const index = this.waiters.indexOf(waiter);
    if (index >= 0) this.waiters.splice(index, 1);
  }
}

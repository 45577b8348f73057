/**
 * A price source fed by messages on `prices.<subject source>`, so a simulation can close the loop
 * (the feeders' prices reacting to what the market did). It keeps the newest message per pair and
 * answers a round with those, each with the timestamp its publisher gave it: a publisher that goes
 * silent ages into staleness. Bad messages are counted and ignored; they never stop the source.
 */
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { pricesSubject } from '@marketnode/nats-kit';
import { decodePriceMessage, type PriceMessage } from './price-message.js';
import type { PriceQuote, PriceSource, SourceClock } from './price-source.js';
import { FeederSourceConfigError, FeederSourceError } from './source-error.js';

export interface NatsPriceSourceOptions {
  /** The feeder-side name; defaults to `nats-<subjectSource>`. */
  readonly name?: string;
  /** The connection is the caller's: the source subscribes on it and unsubscribes on close. */
  readonly connection: NatsConnection;
  /** The `<source>` token of `prices.<source>`. */
  readonly subjectSource: string;
  readonly maxAgeMs?: number;
  readonly timeoutMs?: number;
}

export const NATS_PRICE_SOURCE_DEFAULTS = { maxAgeMs: 60_000, timeoutMs: 1_000 } as const;
/** Bounds the memory a flood of made-up pairs could take; later new pairs are refused as bad. */
export const NATS_PAIRS_MAX = 256;

export interface NatsPriceSourceCounts {
  readonly accepted: number;
  /** Messages that could not be read, or named a pair beyond NATS_PAIRS_MAX. */
  readonly rejected: number;
  /** Well-formed messages older than the one already held for their pair. */
  readonly outOfOrder: number;
}

export class NatsPriceSource implements PriceSource {
  readonly name: string;
  readonly maxAgeMs: number;
  readonly timeoutMs: number;
  readonly subject: string;
  readonly #latest = new Map<string, PriceMessage>();
  readonly #subscription: Subscription;
  #counts: NatsPriceSourceCounts = { accepted: 0, rejected: 0, outOfOrder: 0 };
  #lastRejection: string | undefined;
  #closed = false;

  constructor(options: NatsPriceSourceOptions) {
    this.name = options.name ?? `nats-${options.subjectSource}`;
    this.maxAgeMs = options.maxAgeMs ?? NATS_PRICE_SOURCE_DEFAULTS.maxAgeMs;
    this.timeoutMs = options.timeoutMs ?? NATS_PRICE_SOURCE_DEFAULTS.timeoutMs;
    try {
      this.subject = pricesSubject(options.subjectSource);
    } catch (error) {
      throw new FeederSourceConfigError(this.name, (error as Error).message);
    }
    this.#subscription = options.connection.subscribe(this.subject, {
      callback: (error, message) => {
        if (error === null) this.#receive(message.data);
      },
    });
  }

  /** How many messages were taken, refused and superseded so far (for metrics). */
  counts(): NatsPriceSourceCounts {
    return this.#counts;
  }

  /** Why the most recent bad message was refused, for a log line. */
  lastRejection(): string | undefined {
    return this.#lastRejection;
  }

  async fetchQuotes(request: {
    readonly clock: SourceClock;
    readonly signal: AbortSignal;
  }): Promise<readonly PriceQuote[]> {
    if (this.#closed)
      throw new FeederSourceError('FEEDER_ERR_SOURCE_CLOSED', this.name, 'the source was closed');
    if (request.signal.aborted)
      throw new FeederSourceError('FEEDER_ERR_SOURCE_ABORTED', this.name, 'the round was cancelled');
    if (this.#latest.size === 0)
      throw new FeederSourceError(
        'FEEDER_ERR_SOURCE_NO_DATA',
        this.name,
        `no price was published on ${this.subject} yet: check that the publisher runs`,
      );
    return [...this.#latest.values()].map((message) => ({ source: this.name, ...message }));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#subscription.unsubscribe();
  }

  #receive(bytes: Uint8Array): void {
    const decoded = decodePriceMessage(bytes);
    if (!decoded.ok) return this.#reject(decoded.reason);
    const { message } = decoded;
    const key = `${message.base}/${message.quote}`;
    const held = this.#latest.get(key);
    if (held === undefined && this.#latest.size >= NATS_PAIRS_MAX)
      return this.#reject(`more than ${NATS_PAIRS_MAX} pairs`);
    if (held !== undefined && held.timestampMs > message.timestampMs) {
      this.#counts = { ...this.#counts, outOfOrder: this.#counts.outOfOrder + 1 };
      return;
    }
    this.#latest.set(key, message);
    this.#counts = { ...this.#counts, accepted: this.#counts.accepted + 1 };
  }

  #reject(reason: string): void {
    this.#lastRejection = reason;
    this.#counts = { ...this.#counts, rejected: this.#counts.rejected + 1 };
  }
}

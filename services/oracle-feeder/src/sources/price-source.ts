/**
 * The one interface every price source implements, so the voting loop never knows whether prices come
 * from an exchange, a simulation, a recorded file or a NATS subject. Every quote carries the time the
 * source says it was observed, and every source declares how old a quote may be and how long a fetch
 * may take: staleness and slowness are decided per quote and per source, never guessed.
 */
import type { Decimal } from 'decimal.js';

/** One price observation: 1 `base` costs `price` `quote`, observed at `timestampMs` by the source. */
export interface PriceQuote {
  /** The adapter's name, e.g. 'binance'. */
  readonly source: string;
  /** Asset symbol: 'LUNA', 'BTC', 'USDT', 'USD', 'KRW', 'XDR', ... */
  readonly base: string;
  /** 'USDT', 'USD', ... */
  readonly quote: string;
  /** decimal.js, > 0, parsed from the source's decimal text (never through a JS float). */
  readonly price: Decimal;
  /** When the source says the price was observed (not when it was fetched). */
  readonly timestampMs: number;
}

/** What a source is asked with: the engine's latest block, so simulated/recorded sources follow block time. */
export interface SourceClock {
  readonly height: bigint;
  readonly blockTimeMs: number;
}

export interface PriceSource {
  readonly name: string;
  /** A quote older than this (against the clock) is stale: dropped. */
  readonly maxAgeMs: number;
  /** A fetch taking longer is abandoned: the source is down this round. */
  readonly timeoutMs: number;
  /** Resolves with this round's quotes or rejects with a FeederSourceError (code, message). */
  fetchQuotes(request: {
    readonly clock: SourceClock;
    readonly signal: AbortSignal;
  }): Promise<readonly PriceQuote[]>;
  close(): Promise<void>;
}

/**
 * What every HTTP adapter shares: resolved options, one bounded GET per round, and a parse of the
 * documented body into quotes. An adapter only says which URL to ask and how to read the answer.
 */
import { fetchJson, type HttpJsonResponse } from './http-json.js';
import {
  resolveHttpSourceOptions,
  type HttpSourceOptions,
  type ResolvedHttpSourceOptions,
} from './http-source-options.js';
import type { PriceQuote, PriceSource, SourceClock } from './price-source.js';
import { FeederSourceError } from './source-error.js';

export abstract class HttpPriceSource implements PriceSource {
  readonly name: string;
  readonly maxAgeMs: number;
  readonly timeoutMs: number;
  protected readonly options: ResolvedHttpSourceOptions;
  #closed = false;

  protected constructor(
    options: HttpSourceOptions,
    defaults: Omit<ResolvedHttpSourceOptions, 'baseUrl' | 'symbols'>,
  ) {
    this.options = resolveHttpSourceOptions(options, defaults);
    this.name = this.options.name;
    this.maxAgeMs = this.options.maxAgeMs;
    this.timeoutMs = this.options.timeoutMs;
  }

  async fetchQuotes(request: {
    readonly clock: SourceClock;
    readonly signal: AbortSignal;
  }): Promise<readonly PriceQuote[]> {
    if (this.#closed)
      throw new FeederSourceError('FEEDER_ERR_SOURCE_CLOSED', this.name, 'the source was closed');
    const response = await fetchJson({
      source: this.name,
      url: this.requestUrl(),
      timeoutMs: this.timeoutMs,
      signal: request.signal,
      bodyBytesMax: this.options.bodyBytesMax,
    });
    return this.parseQuotes(response);
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  /** The one GET that answers every configured symbol. */
  protected abstract requestUrl(): URL;

  /** Reads the documented body; throws FEEDER_ERR_SOURCE_MALFORMED (or _API_ERROR) on anything else. */
  protected abstract parseQuotes(response: HttpJsonResponse): PriceQuote[];
}

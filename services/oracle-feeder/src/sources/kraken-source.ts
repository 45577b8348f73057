/**
 * Kraken spot, `GET /0/public/Ticker?pair=...` (public, no key). The documented answer is
 * `{ error: [], result: { <pair name>: { c: [last price, lot volume], ... } } }`; a failure comes as
 * HTTP 200 with messages in `error`. Kraken gives no per-ticker time, so a quote is stamped with the
 * response's `Date` header (the server's clock, second resolution) or, without one, the time the
 * body arrived; configure symbols by Kraken's full pair name (e.g. 'XXBTZUSD'), the key it answers under.
 */
import { HTTP_BODY_BYTES_MAX_DEFAULT, type HttpJsonResponse } from './http-json.js';
import { HttpPriceSource } from './http-price-source.js';
import { apiUrl, type HttpSourceOptions } from './http-source-options.js';
import { asArray, asRecord, malformed, priceOf } from './json-fields.js';
import type { PriceQuote } from './price-source.js';
import { FeederSourceError } from './source-error.js';

export const KRAKEN_DEFAULTS = {
  name: 'kraken',
  timeoutMs: 2_000,
  maxAgeMs: 60_000,
  bodyBytesMax: HTTP_BODY_BYTES_MAX_DEFAULT,
} as const;

/** Kraken error messages are short codes like 'EQuery:Unknown asset pair'; quote at most this many. */
const API_ERRORS_QUOTED_MAX = 3;

export class KrakenSource extends HttpPriceSource {
  constructor(options: HttpSourceOptions) {
    super(options, KRAKEN_DEFAULTS);
  }

  protected requestUrl(): URL {
    const pair = this.options.symbols.map((entry) => entry.symbol).join(',');
    return apiUrl(this.options.baseUrl, '/0/public/Ticker', { pair });
  }

  protected parseQuotes(response: HttpJsonResponse): PriceQuote[] {
    const body = asRecord(response.body, 'the body', this.name);
    const errors = asArray(body['error'], 'error', this.name);
    if (errors.length > 0) {
      const text = errors
        .slice(0, API_ERRORS_QUOTED_MAX)
        .map((error) => JSON.stringify(error))
        .join(', ');
      throw new FeederSourceError(
        'FEEDER_ERR_SOURCE_API_ERROR',
        this.name,
        `Kraken answered with errors ${text}: check the pair names`,
      );
    }
    const result = asRecord(body['result'], 'result', this.name);
    const timestampMs = response.serverDateMs ?? response.receivedAtMs;
    return this.options.symbols.map(({ symbol, base, quote }) => {
      if (!Object.hasOwn(result, symbol)) throw malformed(this.name, `no ticker for ${symbol}`);
      const ticker = asRecord(result[symbol], `result.${symbol}`, this.name);
      const lastTrade = asArray(ticker['c'], `result.${symbol}.c`, this.name);
      const price = priceOf(lastTrade[0], `result.${symbol}.c[0]`, this.name);
      return { source: this.name, base, quote, price, timestampMs };
    });
  }
}

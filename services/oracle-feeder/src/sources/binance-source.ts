/**
 * Binance spot, `GET /api/v3/ticker/24hr?symbols=[...]` (public, no key). The documented answer is an
 * array of tickers with `lastPrice` as a decimal string and `closeTime` in ms: the end of the 24-hour
 * window, i.e. when Binance computed the ticker, which is the quote's timestamp.
 */
import { HTTP_BODY_BYTES_MAX_DEFAULT, type HttpJsonResponse } from './http-json.js';
import { HttpPriceSource } from './http-price-source.js';
import { apiUrl, type HttpSourceOptions } from './http-source-options.js';
import { asArray, asRecord, epochMsOf, malformed, priceOf, textField } from './json-fields.js';
import type { PriceQuote } from './price-source.js';

export const BINANCE_DEFAULTS = {
  name: 'binance',
  timeoutMs: 2_000,
  maxAgeMs: 60_000,
  bodyBytesMax: HTTP_BODY_BYTES_MAX_DEFAULT,
} as const;

export class BinanceSource extends HttpPriceSource {
  constructor(options: HttpSourceOptions) {
    super(options, BINANCE_DEFAULTS);
  }

  protected requestUrl(): URL {
    const symbols = JSON.stringify(this.options.symbols.map((entry) => entry.symbol));
    return apiUrl(this.options.baseUrl, '/api/v3/ticker/24hr', { symbols });
  }

  protected parseQuotes(response: HttpJsonResponse): PriceQuote[] {
    const tickers = new Map<string, { readonly lastPrice: unknown; readonly closeTime: unknown }>();
    for (const [index, item] of asArray(response.body, 'the body', this.name).entries()) {
      const ticker = asRecord(item, `ticker ${index}`, this.name);
      tickers.set(textField(ticker, 'symbol', `ticker ${index}`, this.name), {
        lastPrice: ticker['lastPrice'],
        closeTime: ticker['closeTime'],
      });
    }
    return this.options.symbols.map(({ symbol, base, quote }) => {
      const ticker = tickers.get(symbol);
      if (ticker === undefined) throw malformed(this.name, `no ticker for ${symbol}`);
      return {
        source: this.name,
        base,
        quote,
        price: priceOf(ticker.lastPrice, `${symbol}.lastPrice`, this.name),
        timestampMs: epochMsOf(ticker.closeTime, {
          where: `${symbol}.closeTime`,
          source: this.name,
          unitMs: 1,
        }),
      };
    });
  }
}

/**
 * FX from Open Exchange Rates, `GET /api/latest.json?app_id=..&base=USD&symbols=KRW,XDR`. Its
 * documented answer is `{ timestamp (s), base, rates: { <code>: number } }`, and its currency list
 * includes XDR, the IMF's SDR (the oracle's usdr). A rate is "1 base buys <rate> code", so each
 * configured code becomes the pair base/code (e.g. USD/KRW). `timestamp` is when OXR published the
 * rates (hourly on the free plan), hence the default max age of two hours.
 */
import { HTTP_BODY_BYTES_MAX_DEFAULT, type HttpJsonResponse } from './http-json.js';
import { HttpPriceSource } from './http-price-source.js';
import { apiUrl, type HttpSourceOptions } from './http-source-options.js';
import { asRecord, epochMsOf, malformed, priceOf, textField } from './json-fields.js';
import type { PriceQuote } from './price-source.js';
import { FeederSourceConfigError } from './source-error.js';

export const OPEN_EXCHANGE_RATES_DEFAULTS = {
  name: 'openexchangerates',
  timeoutMs: 3_000,
  maxAgeMs: 2 * 60 * 60 * 1_000,
  bodyBytesMax: HTTP_BODY_BYTES_MAX_DEFAULT,
} as const;

export interface OpenExchangeRatesOptions extends HttpSourceOptions {
  /** The account's App ID; sent as `app_id`, never logged. */
  readonly appId?: string;
}

export class OpenExchangeRatesSource extends HttpPriceSource {
  readonly #appId: string | undefined;
  readonly #base: string;

  constructor(options: OpenExchangeRatesOptions) {
    super(options, OPEN_EXCHANGE_RATES_DEFAULTS);
    if (options.appId !== undefined && typeof options.appId !== 'string')
      throw new FeederSourceConfigError(this.name, 'appId must be text');
    this.#appId = options.appId;
    const bases = new Set(this.options.symbols.map((entry) => entry.base));
    const [base] = bases;
    if (bases.size !== 1 || base === undefined)
      throw new FeederSourceConfigError(this.name, 'every symbol must share one base currency (one request)');
    for (const { symbol, quote } of this.options.symbols)
      if (symbol !== quote)
        throw new FeederSourceConfigError(this.name, `symbol ${symbol} must equal its quote ${quote}`);
    this.#base = base;
  }

  protected requestUrl(): URL {
    const symbols = this.options.symbols.map((entry) => entry.symbol).join(',');
    const query: Record<string, string> = { base: this.#base, symbols };
    if (this.#appId !== undefined) query['app_id'] = this.#appId;
    return apiUrl(this.options.baseUrl, '/api/latest.json', query);
  }

  protected parseQuotes(response: HttpJsonResponse): PriceQuote[] {
    const body = asRecord(response.body, 'the body', this.name);
    const base = textField(body, 'base', 'the body', this.name);
    if (base !== this.#base) throw malformed(this.name, `rates are against ${base}, not ${this.#base}`);
    const timestampMs = epochMsOf(body['timestamp'], {
      where: 'timestamp',
      source: this.name,
      unitMs: 1_000,
    });
    const rates = asRecord(body['rates'], 'rates', this.name);
    return this.options.symbols.map(({ symbol, quote }) => {
      if (!Object.hasOwn(rates, symbol)) throw malformed(this.name, `no rate for ${symbol}`);
      return {
        source: this.name,
        base,
        quote,
        price: priceOf(rates[symbol], `rates.${symbol}`, this.name),
        timestampMs,
      };
    });
  }
}

// The three HTTP adapters configured the way their fixtures answer, for tests that run the same
// failure against each of them.
import {
  BinanceSource,
  KrakenSource,
  OpenExchangeRatesSource,
  type PriceSource,
  type SourceClock,
} from '../../src/index.js';

export const CLOCK: SourceClock = { height: 10n, blockTimeMs: 1_774_707_942_000 };

export interface AdapterCase {
  readonly name: string;
  readonly fixture: string;
  build(baseUrl: string, limits?: { timeoutMs?: number; bodyBytesMax?: number }): PriceSource;
}

export const ADAPTERS: readonly AdapterCase[] = [
  {
    name: 'binance',
    fixture: 'binance-ticker-24hr.json',
    build: (baseUrl, limits = {}) =>
      new BinanceSource({
        baseUrl,
        symbols: [
          { symbol: 'LUNCUSDT', base: 'LUNA', quote: 'USDT' },
          { symbol: 'BTCUSDT', base: 'BTC', quote: 'USDT' },
        ],
        ...limits,
      }),
  },
  {
    name: 'kraken',
    fixture: 'kraken-ticker.json',
    build: (baseUrl, limits = {}) =>
      new KrakenSource({
        baseUrl,
        symbols: [
          { symbol: 'XXBTZUSD', base: 'BTC', quote: 'USD' },
          { symbol: 'USDTZUSD', base: 'USDT', quote: 'USD' },
        ],
        ...limits,
      }),
  },
  {
    name: 'openexchangerates',
    fixture: 'openexchangerates-latest.json',
    build: (baseUrl, limits = {}) =>
      new OpenExchangeRatesSource({
        baseUrl,
        appId: 'test-app-id',
        symbols: [
          { symbol: 'KRW', base: 'USD', quote: 'KRW' },
          { symbol: 'XDR', base: 'USD', quote: 'XDR' },
        ],
        ...limits,
      }),
  },
];

/** Runs one fetch and returns the rejection's code, or 'resolved' when it did not reject. */
export async function failureCode(
  source: PriceSource,
  signal = new AbortController().signal,
): Promise<string> {
  try {
    await source.fetchQuotes({ clock: CLOCK, signal });
    return 'resolved';
  } catch (error) {
    return (error as { code?: string }).code ?? `no code: ${String(error)}`;
  }
}

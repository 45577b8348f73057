/**
 * The options every HTTP price source takes, checked when the source is built: where the API is
 * (tests point it at loopback), which of its symbols to read as which asset pair, and the source's
 * limits. A bad option throws FeederSourceConfigError at start, never during a round.
 */
import { FeederSourceConfigError } from './source-error.js';

/** One instrument of an API and the pair it prices: 1 `base` costs the price in `quote`. */
export interface SymbolPair {
  /** The API's own name for the instrument, e.g. 'BTCUSDT', 'XXBTZUSD', 'KRW'. */
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
}

export interface HttpSourceOptions {
  /** Defaults to the adapter's name ('binance', 'kraken', ...); must be unique among a feeder's sources. */
  readonly name?: string;
  /** The API's origin (and path prefix), e.g. 'https://api.binance.com'. */
  readonly baseUrl: string;
  readonly symbols: readonly SymbolPair[];
  readonly timeoutMs?: number;
  readonly maxAgeMs?: number;
  readonly bodyBytesMax?: number;
}

export interface ResolvedHttpSourceOptions {
  readonly name: string;
  readonly baseUrl: string;
  readonly symbols: readonly SymbolPair[];
  readonly timeoutMs: number;
  readonly maxAgeMs: number;
  readonly bodyBytesMax: number;
}

/** Every await on the network is bounded; no source may ask for more than this. */
export const SOURCE_TIMEOUT_MS_MAX = 60_000;
export const SYMBOLS_PER_SOURCE_MAX = 64;
const SYMBOL_PATTERN = /^[A-Za-z0-9._:-]{1,32}$/;
const ASSET_PATTERN = /^[A-Z0-9]{1,16}$/;
const NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function resolveHttpSourceOptions(
  options: HttpSourceOptions,
  defaults: Omit<ResolvedHttpSourceOptions, 'baseUrl' | 'symbols'>,
): ResolvedHttpSourceOptions {
  const name = options.name ?? defaults.name;
  const fail = (message: string) => new FeederSourceConfigError(String(name), message);
  if (typeof name !== 'string' || !NAME_PATTERN.test(name))
    throw fail('name must be letters, digits, "_" or "-"');
  if (typeof options.baseUrl !== 'string') throw fail('baseUrl must be text, e.g. "https://api.binance.com"');
  if (!Array.isArray(options.symbols)) throw fail('symbols must be a list of { symbol, base, quote }');
  const baseUrl = checkBaseUrl(options.baseUrl, fail);
  const resolved = {
    name,
    baseUrl,
    symbols: options.symbols,
    timeoutMs: options.timeoutMs ?? defaults.timeoutMs,
    maxAgeMs: options.maxAgeMs ?? defaults.maxAgeMs,
    bodyBytesMax: options.bodyBytesMax ?? defaults.bodyBytesMax,
  };
  checkLimits(resolved, fail);
  checkSymbols(options.symbols, fail);
  return resolved;
}

/** Joins the base URL and an API path, keeping any path prefix of the base URL. */
export function apiUrl(baseUrl: string, path: string, query: Readonly<Record<string, string>> = {}): URL {
  const url = new URL(`${baseUrl}${path}`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url;
}

function checkBaseUrl(text: string, fail: (message: string) => Error): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw fail(`baseUrl ${JSON.stringify(text)} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw fail('baseUrl must be http or https');
  if (url.search !== '' || url.hash !== '') throw fail('baseUrl must not carry a query or fragment');
  return url.href.replace(/\/+$/, '');
}

function checkLimits(options: ResolvedHttpSourceOptions, fail: (message: string) => Error): void {
  const { timeoutMs, maxAgeMs, bodyBytesMax } = options;
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > SOURCE_TIMEOUT_MS_MAX)
    throw fail(`timeoutMs must be an integer from 1 to ${SOURCE_TIMEOUT_MS_MAX}, got ${timeoutMs}`);
  if (!Number.isSafeInteger(maxAgeMs) || maxAgeMs < 1)
    throw fail(`maxAgeMs must be a positive integer, got ${maxAgeMs}`);
  if (!Number.isSafeInteger(bodyBytesMax) || bodyBytesMax < 1)
    throw fail(`bodyBytesMax must be a positive integer, got ${bodyBytesMax}`);
}

function checkSymbols(symbols: readonly SymbolPair[], fail: (message: string) => Error): void {
  if (symbols.length === 0 || symbols.length > SYMBOLS_PER_SOURCE_MAX)
    throw fail(`give between 1 and ${SYMBOLS_PER_SOURCE_MAX} symbols`);
  const seen = new Set<string>();
  for (const entry of symbols) {
    if (typeof entry !== 'object' || entry === null)
      throw fail('each symbol must be { symbol, base, quote }');
    const { symbol, base, quote } = entry;
    if (typeof symbol !== 'string' || typeof base !== 'string' || typeof quote !== 'string')
      throw fail('each symbol must be { symbol, base, quote } with three texts');
    if (!SYMBOL_PATTERN.test(symbol))
      throw fail(`symbol ${JSON.stringify(symbol)} has unexpected characters`);
    if (seen.has(symbol)) throw fail(`symbol ${symbol} is listed twice`);
    seen.add(symbol);
    if (!ASSET_PATTERN.test(base) || !ASSET_PATTERN.test(quote) || base === quote)
      throw fail(`symbol ${symbol}: base and quote must be two different upper-case asset symbols`);
  }
}

/**
 * A price source for demos and scenarios: the simulated market's price of each configured pair at
 * the clock's height, stamped with the block's time. Feeders running the same seed agree exactly;
 * an optional per-feeder noise (itself seeded by the feeder's id) makes them differ a little, the way
 * independent feeders reading different exchanges do.
 */
import type { Decimal } from 'decimal.js';
import { hashText, uniformAt } from './counter-random.js';
import { PriceDecimal } from './price-decimal.js';
import type { PriceQuote, PriceSource, SourceClock } from './price-source.js';
import {
  SIMULATED_PRICE_DIGITS,
  SimulatedPath,
  type PriceShock,
  type SimulatedAsset,
} from './simulated-market.js';
import { FeederSourceConfigError, FeederSourceError } from './source-error.js';

export interface SimulatedMarketOptions {
  readonly name?: string;
  /** Any 32-bit integer; the same seed gives the same market in every process. */
  readonly seed: number;
  readonly assets: readonly SimulatedAsset[];
  readonly shocks?: readonly PriceShock[];
  /** A feeder's own small deviation: uniform in +-`pct` percent, drawn per (feeder, pair, height). */
  readonly noise?: { readonly feederId: string; readonly pct: number };
  readonly maxAgeMs?: number;
  readonly timeoutMs?: number;
}

export const SIMULATED_MARKET_DEFAULTS = { name: 'simulated', maxAgeMs: 60_000, timeoutMs: 1_000 } as const;
/** A shock's percentage must leave a positive price; noise is meant to be small. */
const NOISE_PCT_MAX = 10;
const SHOCK_BLOCKS_MAX = 1_000_000;

export class SimulatedMarketSource implements PriceSource {
  readonly name: string;
  readonly maxAgeMs: number;
  readonly timeoutMs: number;
  readonly #paths: readonly { readonly asset: SimulatedAsset; readonly path: SimulatedPath }[];
  readonly #noise: SimulatedMarketOptions['noise'];
  readonly #seed: number;
  #closed = false;

  constructor(options: SimulatedMarketOptions) {
    this.name = options.name ?? SIMULATED_MARKET_DEFAULTS.name;
    this.maxAgeMs = options.maxAgeMs ?? SIMULATED_MARKET_DEFAULTS.maxAgeMs;
    this.timeoutMs = options.timeoutMs ?? SIMULATED_MARKET_DEFAULTS.timeoutMs;
    checkOptions(this.name, options);
    this.#seed = options.seed;
    this.#noise = options.noise;
    this.#paths = options.assets.map((asset) => ({
      asset,
      path: new SimulatedPath({
        seed: options.seed,
        asset,
        shocks: (options.shocks ?? []).filter(
          (shock) => shock.base === asset.base && shock.quote === asset.quote,
        ),
      }),
    }));
  }

  async fetchQuotes(request: {
    readonly clock: SourceClock;
    readonly signal: AbortSignal;
  }): Promise<readonly PriceQuote[]> {
    if (this.#closed)
      throw new FeederSourceError('FEEDER_ERR_SOURCE_CLOSED', this.name, 'the source was closed');
    if (request.signal.aborted)
      throw new FeederSourceError('FEEDER_ERR_SOURCE_ABORTED', this.name, 'the round was cancelled');
    const { height, blockTimeMs } = request.clock;
    return this.#paths.map(({ asset, path }) => ({
      source: this.name,
      base: asset.base,
      quote: asset.quote,
      price: this.#withNoise(path.priceAt(height), asset, height),
      timestampMs: blockTimeMs,
    }));
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #withNoise(price: Decimal, asset: SimulatedAsset, height: bigint): Decimal {
    if (this.#noise === undefined || this.#noise.pct === 0) return price;
    const stream = hashText(`${this.#noise.feederId}|${asset.base}/${asset.quote}`);
    const unit = uniformAt({ seed: this.#seed, stream, index: height, draw: 0 }) * 2 - 1;
    const factor = new PriceDecimal(1).plus(new PriceDecimal(unit).times(this.#noise.pct).dividedBy(100));
    return price.times(factor).toSignificantDigits(SIMULATED_PRICE_DIGITS);
  }
}

function checkOptions(name: string, options: SimulatedMarketOptions): void {
  const fail = (message: string) => new FeederSourceConfigError(name, message);
  if (!Number.isSafeInteger(options.seed)) throw fail(`seed must be an integer, got ${options.seed}`);
  if (options.assets.length === 0) throw fail('give at least one asset');
  const pairs = new Set<string>();
  for (const asset of options.assets) {
    const pair = `${asset.base}/${asset.quote}`;
    if (pairs.has(pair)) throw fail(`${pair} is listed twice`);
    pairs.add(pair);
    const start = /^[0-9]+(\.[0-9]+)?$/.test(asset.startPrice)
      ? new PriceDecimal(asset.startPrice)
      : undefined;
    if (start === undefined || !start.greaterThan(0)) throw fail(`${pair}: startPrice must be a decimal > 0`);
    if (
      !Number.isFinite(asset.driftPerBlock) ||
      !Number.isFinite(asset.volatilityPerBlock) ||
      asset.volatilityPerBlock < 0
    )
      throw fail(`${pair}: drift must be finite and volatility finite and >= 0`);
  }
  for (const shock of options.shocks ?? []) {
    const pair = `${shock.base}/${shock.quote}`;
    if (!pairs.has(pair)) throw fail(`a shock names ${pair}, which is not a simulated asset`);
    if (!Number.isSafeInteger(shock.blocks) || shock.blocks < 1 || shock.blocks > SHOCK_BLOCKS_MAX)
      throw fail(`a shock of ${pair} must last 1 to ${SHOCK_BLOCKS_MAX} blocks`);
    if (!Number.isFinite(shock.changePct) || shock.changePct <= -100)
      throw fail(`a shock of ${pair} must change the price by more than -100%`);
    if (shock.startHeight < 0n) throw fail(`a shock of ${pair} must start at a height >= 0`);
  }
  const noise = options.noise;
  if (noise !== undefined && (!(noise.pct >= 0) || noise.pct > NOISE_PCT_MAX || noise.feederId === ''))
    throw fail(`noise needs a feederId and a pct from 0 to ${NOISE_PCT_MAX}`);
}

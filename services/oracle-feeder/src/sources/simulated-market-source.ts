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
import { checkSimulatedMarketOptions } from './simulated-market-options.js';
import { FeederSourceError } from './source-error.js';

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
    checkSimulatedMarketOptions(this.name, options);
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

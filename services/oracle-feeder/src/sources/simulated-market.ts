/**
 * The simulated market's price path: a seeded random walk per asset (drift and volatility per block)
 * plus scheduled shocks. The price at a height is a pure function of (seed, pair, height), so every
 * feeder that runs the same market sees the same prices; each step's random draws come from a
 * counter-based hash, and only + and * touch floats, with the one exp and ln done in decimal.js, so
 * the path is bit-for-bit the same in every process.
 */
import type { Decimal } from 'decimal.js';
import { hashText, uniformAt } from './counter-random.js';
import { PriceDecimal } from './price-decimal.js';

export interface SimulatedAsset {
  readonly base: string;
  readonly quote: string;
  /** The price at height 0, as decimal text. */
  readonly startPrice: string;
  /** Mean log-return per block (0.0001 is +0.01% a block). */
  readonly driftPerBlock: number;
  /** Standard deviation of the log-return per block (0.002 is about 0.2% a block). */
  readonly volatilityPerBlock: number;
}

/** Moves one pair by `changePct` percent (-50 is a crash to half) spread evenly over `blocks` blocks. */
export interface PriceShock {
  readonly base: string;
  readonly quote: string;
  readonly startHeight: bigint;
  readonly blocks: number;
  readonly changePct: number;
}

/** The walk keeps its own decimals; prices are quoted to this many significant digits. */
export const SIMULATED_PRICE_DIGITS = 12;

/** Draws per step: their sum is close to normal (Irwin-Hall) without log, sqrt or cos. */
const DRAWS_PER_STEP = 4;
/** Scales the sum of DRAWS_PER_STEP uniforms (variance 4/12) to unit variance. */
const UNIT_VARIANCE_SCALE = Math.sqrt(12 / DRAWS_PER_STEP);

export class SimulatedPath {
  readonly #seed: number;
  readonly #stream: number;
  readonly #asset: SimulatedAsset;
  readonly #shocks: readonly { readonly shock: PriceShock; readonly logChange: number }[];
  /** The walk's log-return summed up to `#cachedHeight`, so later heights only add their new steps. */
  #cachedHeight = 0n;
  #cachedLogSum = 0;

  constructor(options: { seed: number; asset: SimulatedAsset; shocks: readonly PriceShock[] }) {
    this.#seed = options.seed;
    this.#asset = options.asset;
    this.#stream = hashText(`${options.asset.base}/${options.asset.quote}`);
    this.#shocks = options.shocks.map((shock) => ({
      shock,
      logChange: new PriceDecimal(100 + shock.changePct).dividedBy(100).ln().toNumber(),
    }));
  }

  /** The price at `height`: start x exp(walk + shocks), to SIMULATED_PRICE_DIGITS digits. */
  priceAt(height: bigint): Decimal {
    const logPrice = this.#walkLogSum(height) + this.#shockLogSum(height);
    return new PriceDecimal(this.#asset.startPrice)
      .times(new PriceDecimal(logPrice).exp())
      .toSignificantDigits(SIMULATED_PRICE_DIGITS);
  }

  #walkLogSum(height: bigint): number {
    if (height < this.#cachedHeight) {
      this.#cachedHeight = 0n;
      this.#cachedLogSum = 0;
    }
    let sum = this.#cachedLogSum;
    for (let step = this.#cachedHeight + 1n; step <= height; step += 1n) sum += this.#stepLogReturn(step);
    this.#cachedHeight = height;
    this.#cachedLogSum = sum;
    return sum;
  }

  #stepLogReturn(step: bigint): number {
    let draws = 0;
    for (let draw = 0; draw < DRAWS_PER_STEP; draw += 1)
      draws += uniformAt({ seed: this.#seed, stream: this.#stream, index: step, draw });
    const normal = (draws - DRAWS_PER_STEP / 2) * UNIT_VARIANCE_SCALE;
    return this.#asset.driftPerBlock + this.#asset.volatilityPerBlock * normal;
  }

  #shockLogSum(height: bigint): number {
    let sum = 0;
    for (const { shock, logChange } of this.#shocks) {
      if (height < shock.startHeight) continue;
      const done = height - shock.startHeight + 1n;
      const blocksDone = done >= BigInt(shock.blocks) ? shock.blocks : Number(done);
      sum += (logChange * blocksDone) / shock.blocks;
    }
    return sum;
  }
}

/**
 * Checks a simulated market's options when the source is built. They often come from a JSON config
 * file, so types are checked too: a wrong field is a FeederSourceConfigError naming it, never a
 * TypeError in the middle of a round.
 */
import type { SimulatedMarketOptions } from './simulated-market-source.js';
import type { PriceShock, SimulatedAsset } from './simulated-market.js';
import { FeederSourceConfigError } from './source-error.js';

/** Noise is a feeder's small deviation, not a second market. */
export const NOISE_PCT_MAX = 10;
export const SHOCK_BLOCKS_MAX = 1_000_000;
export const SIMULATED_ASSETS_MAX = 64;
const ASSET_PATTERN = /^[A-Z0-9]{1,16}$/;
const START_PRICE_PATTERN = /^[0-9]+(\.[0-9]+)?$/;

type Fail = (message: string) => FeederSourceConfigError;

export function checkSimulatedMarketOptions(name: string, options: SimulatedMarketOptions): void {
  const fail: Fail = (message) => new FeederSourceConfigError(name, message);
  if (typeof options.seed !== 'number' || !Number.isSafeInteger(options.seed))
    throw fail(`seed must be an integer, got ${String(options.seed)}`);
  if (
    !Array.isArray(options.assets) ||
    options.assets.length === 0 ||
    options.assets.length > SIMULATED_ASSETS_MAX
  )
    throw fail(`assets must be a list of 1 to ${SIMULATED_ASSETS_MAX} assets`);
  const pairs = new Set<string>();
  for (const asset of options.assets) {
    const pair = checkAsset(asset, fail);
    if (pairs.has(pair)) throw fail(`${pair} is listed twice`);
    pairs.add(pair);
  }
  if (options.shocks !== undefined && !Array.isArray(options.shocks)) throw fail('shocks must be a list');
  for (const shock of options.shocks ?? []) checkShock(shock, pairs, fail);
  const noise: unknown = options.noise;
  if (noise !== undefined) checkNoise(noise, fail);
}

function checkAsset(asset: SimulatedAsset, fail: Fail): string {
  if (typeof asset !== 'object' || asset === null) throw fail('each asset must be an object');
  const { base, quote, startPrice, driftPerBlock, volatilityPerBlock } = asset;
  if (
    typeof base !== 'string' ||
    typeof quote !== 'string' ||
    !ASSET_PATTERN.test(base) ||
    !ASSET_PATTERN.test(quote)
  )
    throw fail('each asset needs base and quote asset symbols (upper-case letters and digits)');
  const pair = `${base}/${quote}`;
  if (typeof startPrice !== 'string' || !START_PRICE_PATTERN.test(startPrice) || !/[1-9]/.test(startPrice))
    throw fail(`${pair}: startPrice must be decimal text > 0`);
  if (typeof driftPerBlock !== 'number' || !Number.isFinite(driftPerBlock))
    throw fail(`${pair}: driftPerBlock must be a finite number`);
  if (
    typeof volatilityPerBlock !== 'number' ||
    !Number.isFinite(volatilityPerBlock) ||
    volatilityPerBlock < 0
  )
    throw fail(`${pair}: volatilityPerBlock must be a finite number >= 0`);
  return pair;
}

function checkShock(shock: PriceShock, pairs: ReadonlySet<string>, fail: Fail): void {
  if (typeof shock !== 'object' || shock === null) throw fail('each shock must be an object');
  const pair = `${String(shock.base)}/${String(shock.quote)}`;
  if (!pairs.has(pair)) throw fail(`a shock names ${pair}, which is not a simulated asset`);
  if (
    typeof shock.blocks !== 'number' ||
    !Number.isSafeInteger(shock.blocks) ||
    shock.blocks < 1 ||
    shock.blocks > SHOCK_BLOCKS_MAX
  )
    throw fail(`a shock of ${pair} must last 1 to ${SHOCK_BLOCKS_MAX} blocks`);
  if (typeof shock.changePct !== 'number' || !Number.isFinite(shock.changePct) || shock.changePct <= -100)
    throw fail(`a shock of ${pair} must change the price by a number of percent above -100`);
  if (typeof shock.startHeight !== 'bigint' || shock.startHeight < 0n)
    throw fail(`a shock of ${pair} must start at a height >= 0 (a bigint)`);
}

function checkNoise(noise: unknown, fail: Fail): void {
  const { feederId, pct } = (typeof noise === 'object' && noise !== null ? noise : {}) as Record<
    string,
    unknown
  >;
  if (
    typeof feederId !== 'string' ||
    feederId === '' ||
    typeof pct !== 'number' ||
    !(pct >= 0) ||
    pct > NOISE_PCT_MAX
  )
    throw fail(`noise needs a feederId and a pct from 0 to ${NOISE_PCT_MAX}`);
}

/**
 * Checks an aggregation configuration before any round uses it, and lists every problem at once: a
 * leg chain that does not lead from LUNA to the denom's asset is exactly the "voted the wrong asset's
 * price" mistake the reference feeders made, so it must fail at start, not vote.
 */
import {
  LUNA_ASSET,
  pairKey,
  type AggregationConfig,
  type DenomPricing,
  type Leg,
  type PairPolicy,
} from './aggregation-config.js';
import { parsePriceText } from '../sources/price-text.js';
import { aggregationConfigShapeProblems } from './aggregation-config-shape.js';
import { LEGS_PER_DENOM_MAX } from './aggregation-limits.js';

export { LEGS_PER_DENOM_MAX };

/** A denom as the engine's tuple parser accepts it: `[a-zA-Z][a-zA-Z0-9/-]{2,127}`. */
const DENOM_PATTERN = /^[a-zA-Z][a-zA-Z0-9/-]{2,127}$/;
/** An asset symbol: upper-case letters and digits (LUNA, USDT, XDR, ...). */
const ASSET_PATTERN = /^[A-Z0-9]{1,16}$/;
const BAND_PATTERN = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;

export class FeederAggregationConfigError extends Error {
  override readonly name = 'FeederAggregationConfigError';
  readonly code = 'FEEDER_ERR_AGGREGATION_CONFIG';
  constructor(readonly problems: readonly string[]) {
    super(`the aggregation configuration is unusable: ${problems.join('; ')}`);
  }
}

/** Throws FeederAggregationConfigError listing every problem; the config may come straight from JSON. */
export function validateAggregationConfig(config: AggregationConfig): void {
  const shapeProblems = aggregationConfigShapeProblems(config);
  if (shapeProblems.length > 0) throw new FeederAggregationConfigError(shapeProblems);
  const problems: string[] = [];
  if (config.denoms.length === 0) problems.push('configure at least one denom');
  const seenDenoms = new Set<string>();
  const legKinds = new Map<string, string>();
  for (const pricing of config.denoms) {
    if (seenDenoms.has(pricing.denom)) problems.push(`denom ${pricing.denom} is configured twice`);
    seenDenoms.add(pricing.denom);
    problems.push(...denomProblems(pricing));
    for (const leg of pricing.legs) {
      const kind = leg.kind === 'fixed' ? `fixed ${leg.price}` : 'market';
      const earlier = legKinds.get(pairKey(leg.pair));
      if (earlier !== undefined && earlier !== kind)
        problems.push(`pair ${pairKey(leg.pair)} is priced both as ${earlier} and as ${kind}`);
      legKinds.set(pairKey(leg.pair), kind);
    }
  }
  problems.push(...policyProblems('defaultPolicy', config.defaultPolicy));
  for (const [key, policy] of Object.entries(config.pairPolicies ?? {}))
    problems.push(...policyProblems(`pairPolicies[${key}]`, policy));
  if (!Number.isSafeInteger(config.futureSkewMsMax) || config.futureSkewMsMax < 0)
    problems.push(`futureSkewMsMax must be a non-negative integer, got ${config.futureSkewMsMax}`);
  if (problems.length > 0) throw new FeederAggregationConfigError(problems);
}

function denomProblems(pricing: DenomPricing): string[] {
  const problems: string[] = [];
  const where = `denom ${pricing.denom}`;
  if (!DENOM_PATTERN.test(pricing.denom)) problems.push(`${where}: not a valid denom`);
  if (!ASSET_PATTERN.test(pricing.asset)) problems.push(`${where}: asset ${pricing.asset} is not a symbol`);
  if (pricing.legs.length === 0 || pricing.legs.length > LEGS_PER_DENOM_MAX)
    problems.push(`${where}: give between 1 and ${LEGS_PER_DENOM_MAX} legs`);
  let asset = LUNA_ASSET;
  for (const [index, leg] of pricing.legs.entries()) {
    problems.push(...legProblems(`${where} leg ${index}`, leg));
    const from = leg.use === 'multiply' ? leg.pair.base : leg.pair.quote;
    if (from !== asset) {
      problems.push(
        `${where} leg ${index} (${leg.use} by ${pairKey(leg.pair)}) needs ${from} but has ${asset}`,
      );
      return problems;
    }
    asset = leg.use === 'multiply' ? leg.pair.quote : leg.pair.base;
  }
  if (pricing.legs.length > 0 && asset !== pricing.asset)
    problems.push(`${where}: the legs lead from ${LUNA_ASSET} to ${asset}, not to ${pricing.asset}`);
  return problems;
}

function legProblems(where: string, leg: Leg): string[] {
  const problems: string[] = [];
  for (const symbol of [leg.pair.base, leg.pair.quote])
    if (!ASSET_PATTERN.test(symbol)) problems.push(`${where}: ${symbol} is not an asset symbol`);
  if (leg.pair.base === leg.pair.quote) problems.push(`${where}: a pair needs two different assets`);
  if (leg.use !== 'multiply' && leg.use !== 'divide') problems.push(`${where}: use is multiply or divide`);
  if (leg.kind === 'fixed') {
    if (parsePriceText(leg.price) === undefined)
      problems.push(`${where}: fixed price ${JSON.stringify(leg.price)} is not a positive decimal`);
    if (leg.note.trim().length === 0) problems.push(`${where}: a fixed leg must say why in its note`);
  }
  return problems;
}

function policyProblems(where: string, policy: PairPolicy): string[] {
  const problems: string[] = [];
  if (!Number.isSafeInteger(policy.minSources) || policy.minSources < 1)
    problems.push(`${where}.minSources must be an integer >= 1, got ${policy.minSources}`);
  if (!BAND_PATTERN.test(policy.deviationBandPct))
    problems.push(`${where}.deviationBandPct must be a non-negative decimal, got ${policy.deviationBandPct}`);
  return problems;
}

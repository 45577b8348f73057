/**
 * The aggregation configuration often comes from a JSON file, so before its rules are checked its
 * shape is: every list a list, every leg a known kind with a pair of two strings, every limit of the
 * right type. A shape problem is reported by its path instead of surfacing as a TypeError.
 */
import { LEGS_PER_DENOM_MAX } from './aggregation-limits.js';

const DENOMS_MAX = 64;

export function aggregationConfigShapeProblems(config: unknown): string[] {
  if (!isRecord(config)) return ['the aggregation configuration must be an object'];
  const problems: string[] = [];
  const denoms = config['denoms'];
  if (!Array.isArray(denoms) || denoms.length > DENOMS_MAX)
    problems.push(`denoms must be a list of at most ${DENOMS_MAX} denoms`);
  else
    denoms.forEach((pricing: unknown, index) =>
      problems.push(...pricingShapeProblems(pricing, `denoms[${index}]`)),
    );
  problems.push(...policyShapeProblems(config['defaultPolicy'], 'defaultPolicy'));
  const overrides = config['pairPolicies'];
  if (overrides !== undefined) {
    if (!isRecord(overrides)) problems.push('pairPolicies must be an object keyed by pair, e.g. "USD/KRW"');
    else
      for (const [key, policy] of Object.entries(overrides))
        problems.push(...policyShapeProblems(policy, `pairPolicies[${key}]`));
  }
  if (typeof config['futureSkewMsMax'] !== 'number') problems.push('futureSkewMsMax must be a number of ms');
  return problems;
}

function pricingShapeProblems(pricing: unknown, where: string): string[] {
  if (!isRecord(pricing)) return [`${where} must be an object { denom, asset, legs }`];
  const problems: string[] = [];
  if (typeof pricing['denom'] !== 'string') problems.push(`${where}.denom must be text`);
  if (typeof pricing['asset'] !== 'string') problems.push(`${where}.asset must be text`);
  const legs = pricing['legs'];
  if (!Array.isArray(legs) || legs.length > LEGS_PER_DENOM_MAX)
    return [...problems, `${where}.legs must be a list of at most ${LEGS_PER_DENOM_MAX} legs`];
  legs.forEach((leg: unknown, index) => problems.push(...legShapeProblems(leg, `${where}.legs[${index}]`)));
  return problems;
}

function legShapeProblems(leg: unknown, where: string): string[] {
  if (!isRecord(leg)) return [`${where} must be an object`];
  const problems: string[] = [];
  if (leg['kind'] !== 'market' && leg['kind'] !== 'fixed')
    problems.push(`${where}.kind must be "market" or "fixed"`);
  if (leg['use'] !== 'multiply' && leg['use'] !== 'divide')
    problems.push(`${where}.use must be "multiply" or "divide"`);
  const pair = leg['pair'];
  if (!isRecord(pair) || typeof pair['base'] !== 'string' || typeof pair['quote'] !== 'string')
    problems.push(`${where}.pair must be { base, quote } with two asset symbols`);
  if (leg['kind'] === 'fixed' && (typeof leg['price'] !== 'string' || typeof leg['note'] !== 'string'))
    problems.push(`${where}: a fixed leg needs a price (decimal text) and a note saying why`);
  return problems;
}

function policyShapeProblems(policy: unknown, where: string): string[] {
  if (!isRecord(policy)) return [`${where} must be an object { minSources, deviationBandPct }`];
  const problems: string[] = [];
  if (typeof policy['minSources'] !== 'number') problems.push(`${where}.minSources must be a number`);
  if (typeof policy['deviationBandPct'] !== 'string')
    problems.push(`${where}.deviationBandPct must be decimal text, e.g. "5"`);
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

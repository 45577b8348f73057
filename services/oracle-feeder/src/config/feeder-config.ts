/**
 * The feeder's JSON config file: which validators to vote for, the price sources and how their
 * prices are aggregated, the NATS server, where pending votes are kept and where metrics are
 * served. Every rule is checked when the file is read, and a broken one is a `FeederConfigError`
 * (`FEEDER_ERR_CONFIG`) naming the field and what to write instead.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { IDENTITY_PATTERN } from '@marketnode/events';
import type { AggregationConfig } from '../aggregation/aggregation-config.js';
import { DEMO_DENOM_PRICING } from '../aggregation/demo-pricing.js';
import { validateAggregationConfig } from '../aggregation/validate-aggregation-config.js';
import type { PriceSource } from '../sources/price-source.js';
import { FeederConfigError } from '../service/feeder-errors.js';
import { SOURCE_KINDS, type SourceContext } from './source-kinds.js';
import type { NatsConnection } from '@nats-io/transport-node';

/** One process votes for at most this many validators (each has its own subscription and file). */
export const VALIDATORS_PER_FEEDER_MAX = 64;
export const SOURCES_PER_FEEDER_MAX = 32;
/** A config file is a few kilobytes; refuse to parse something that is clearly not one. */
export const CONFIG_FILE_BYTES_MAX = 1024 * 1024;
const TIMEOUT_MS_MAX = 10 * 60 * 1000;
const PORT_MAX = 65_535;

export interface FeederConfig {
  /** The config file's directory: relative paths in it are relative to the file. */
  readonly baseDir: string;
  readonly natsUrl: string;
  readonly validators: readonly string[];
  /** Absolute (a relative path in the file is relative to the file). */
  readonly dataDir: string;
  readonly metrics?: { readonly port: number; readonly host?: string };
  readonly sources: readonly Readonly<Record<string, unknown>>[];
  readonly aggregation: AggregationConfig;
  readonly resultTimeoutMs?: number;
  readonly blockStaleAfterMs?: number;
}

const TOP_LEVEL_FIELDS = new Set([
  'natsUrl',
  'validators',
  'dataDir',
  'metrics',
  'sources',
  'aggregation',
  'resultTimeoutMs',
  'blockStaleAfterMs',
]);

export function readFeederConfigFile(path: string): FeederConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new FeederConfigError(path, `cannot be read (${(error as Error).message}): give an existing file`, {
      cause: error,
    });
  }
  if (text.length > CONFIG_FILE_BYTES_MAX)
    throw new FeederConfigError(path, `is larger than ${CONFIG_FILE_BYTES_MAX} bytes: is it the right file?`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FeederConfigError(path, `is not JSON (${(error as Error).message})`, { cause: error });
  }
  return parseFeederConfig(json, { baseDir: dirname(resolve(path)) });
}

export function parseFeederConfig(json: unknown, options: { readonly baseDir: string }): FeederConfig {
  const root = record(json, 'the config');
  for (const key of Object.keys(root))
    if (!TOP_LEVEL_FIELDS.has(key))
      throw new FeederConfigError(key, `is not a config field (known: ${[...TOP_LEVEL_FIELDS].join(', ')})`);
  const metrics = root['metrics'] === undefined ? undefined : readMetrics(root['metrics']);
  const resultTimeoutMs = optionalMs(root['resultTimeoutMs'], 'resultTimeoutMs');
  const blockStaleAfterMs = optionalMs(root['blockStaleAfterMs'], 'blockStaleAfterMs');
  return {
    baseDir: options.baseDir,
    natsUrl: natsUrl(root['natsUrl']),
    validators: validators(root['validators']),
    dataDir: resolve(options.baseDir, text(root['dataDir'], 'dataDir')),
    ...(metrics === undefined ? {} : { metrics }),
    sources: sourceEntries(root['sources']),
    aggregation: aggregation(root['aggregation']),
    ...(resultTimeoutMs === undefined ? {} : { resultTimeoutMs }),
    ...(blockStaleAfterMs === undefined ? {} : { blockStaleAfterMs }),
  };
}

/**
 * Builds the configured sources; a source that refuses its options is reported under its path. The
 * sources already built are closed when a later one fails.
 */
export async function buildSources(
  config: FeederConfig,
  options: { natsConnection(): Promise<NatsConnection> },
): Promise<PriceSource[]> {
  const context = { baseDir: config.baseDir, natsConnection: options.natsConnection };
  const built: PriceSource[] = [];
  try {
    for (const [index, entry] of config.sources.entries()) {
      const source = await buildSource(entry, index, context);
      built.push(source);
      if (built.filter((other) => other.name === source.name).length > 1)
        throw new FeederConfigError(
          `sources[${index}].name`,
          `"${source.name}" is used twice: give each source its own name`,
        );
    }
    return built;
  } catch (error) {
    await Promise.allSettled(built.map((source) => source.close()));
    throw error;
  }
}

async function buildSource(
  entry: Readonly<Record<string, unknown>>,
  index: number,
  context: SourceContext,
): Promise<PriceSource> {
  const { kind, ...options } = entry;
  const factory = SOURCE_KINDS[kind as string];
  if (factory === undefined)
    throw new FeederConfigError(
      `sources[${index}].kind`,
      `must be one of ${Object.keys(SOURCE_KINDS).join(', ')}, is ${JSON.stringify(kind)}`,
    );
  try {
    return await factory(options, context);
  } catch (error) {
    throw new FeederConfigError(`sources[${index}]`, `is refused: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function natsUrl(value: unknown): string {
  const url = text(value, 'natsUrl');
  if (!/^(nats|tls|ws|wss):\/\/[^\s]+$/.test(url))
    throw new FeederConfigError('natsUrl', `must be a NATS URL like nats://127.0.0.1:4222, is "${url}"`);
  return url;
}

function validators(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new FeederConfigError('validators', 'must be a non-empty list of validator operator addresses');
  if (value.length > VALIDATORS_PER_FEEDER_MAX)
    throw new FeederConfigError(
      'validators',
      `lists more than ${VALIDATORS_PER_FEEDER_MAX}: run another feeder`,
    );
  const seen = new Set<string>();
  return value.map((item: unknown, index) => {
    const operator = text(item, `validators[${index}]`);
    if (!IDENTITY_PATTERN.test(operator))
      throw new FeederConfigError(`validators[${index}]`, 'must be 1 to 128 letters, digits, "_" or "-"');
    if (seen.has(operator)) throw new FeederConfigError(`validators[${index}]`, `lists ${operator} twice`);
    seen.add(operator);
    return operator;
  });
}

function readMetrics(value: unknown): { port: number; host?: string } {
  const metrics = record(value, 'metrics');
  const port = metrics['port'];
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > PORT_MAX)
    throw new FeederConfigError(
      'metrics.port',
      `must be a port number (0 picks a free one), is ${JSON.stringify(port)}`,
    );
  if (metrics['host'] === undefined) return { port };
  return { port, host: text(metrics['host'], 'metrics.host') };
}

function sourceEntries(value: unknown): Readonly<Record<string, unknown>>[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new FeederConfigError('sources', 'must be a non-empty list of price sources');
  if (value.length > SOURCES_PER_FEEDER_MAX)
    throw new FeederConfigError('sources', `lists more than ${SOURCES_PER_FEEDER_MAX}`);
  return value.map((entry: unknown, index) => {
    const source = record(entry, `sources[${index}]`);
    text(source['kind'], `sources[${index}].kind`);
    return source;
  });
}

/** Without an `aggregation` section: the demo pricing (every demo pair), one source enough, a 5% gate. */
export const AGGREGATION_DEFAULT: AggregationConfig = {
  denoms: DEMO_DENOM_PRICING,
  defaultPolicy: { minSources: 1, deviationBandPct: '5' },
  futureSkewMsMax: 5_000,
};

function aggregation(value: unknown): AggregationConfig {
  if (value === undefined) return AGGREGATION_DEFAULT;
  const config = record(value, 'aggregation') as unknown as AggregationConfig;
  if (!Array.isArray(config.denoms)) throw new FeederConfigError('aggregation.denoms', 'must be a list');
  try {
    validateAggregationConfig(config);
  } catch (error) {
    throw new FeederConfigError('aggregation', `is refused: ${(error as Error).message}`, { cause: error });
  }
  return config;
}

function optionalMs(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > TIMEOUT_MS_MAX)
    throw new FeederConfigError(field, `must be a whole number of milliseconds from 1 to ${TIMEOUT_MS_MAX}`);
  return value;
}

function record(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new FeederConfigError(field, 'must be a JSON object');
  return value as Record<string, unknown>;
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0)
    throw new FeederConfigError(field, 'must be a non-empty string');
  return value;
}

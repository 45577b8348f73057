/**
 * Reading a command line with `node:util` `parseArgs` (strict: an unknown option is an error), and
 * the typed reads of option values. Every problem is a `UsageError` whose message names the option
 * and shows a valid form, so the user can fix the line from the message alone.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseCoin, type Coin } from '@marketnode/dec';
import { UsageError } from './usage-error.js';

/** `--nats` when not given: a nats-server on its default port on this machine. */
export const NATS_URL_DEFAULT = 'nats://127.0.0.1:4222';

const POSITIVE_INTEGER = /^[1-9][0-9]*$/;
const NATS_URL = /^(nats|tls|ws|wss):\/\/[^\s]+$/;

type ParseArgsOptions = NonNullable<ParseArgsConfig['options']>;

export function parseCommandLine<T extends ParseArgsOptions>(
  args: readonly string[],
  options: T,
  settings: { readonly positionals?: number } = {},
) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (error) {
    if (isParseArgsError(error)) throw new UsageError(error.message);
    throw error;
  }
  const positionalsMax = settings.positionals ?? 0;
  if (parsed.positionals.length > positionalsMax)
    throw new UsageError(`unexpected argument "${parsed.positionals[positionalsMax]}"`);
  return parsed;
}

function isParseArgsError(error: unknown): error is Error {
  return error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
}

export function requiredOption(value: string | undefined, option: string, example: string): string {
  if (value === undefined || value === '')
    throw new UsageError(`missing --${option} (for example --${option} ${example})`);
  return value;
}

export function coinOption(value: string | undefined, option: string): Coin {
  const text = requiredOption(value, option, '1000000uusd');
  try {
    return parseCoin(text);
  } catch {
    throw new UsageError(
      `--${option} "${text}" is not a coin: write the amount in micro units then the denom, like 1000000uusd`,
    );
  }
}

export function positiveIntegerOption(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!POSITIVE_INTEGER.test(value) || !Number.isSafeInteger(Number(value)))
    throw new UsageError(`--${option} "${value}" must be a positive whole number`);
  return Number(value);
}

/** A TCP port, 1 to PORT_MAX. */
export const PORT_MAX = 65_535;

export function portOption(value: string | undefined, option: string): number | undefined {
  const port = positiveIntegerOption(value, option);
  if (port !== undefined && port > PORT_MAX)
    throw new UsageError(`--${option} ${port} is not a TCP port: use 1 to ${PORT_MAX}`);
  return port;
}

export function seqOption(value: string | undefined, option: string): bigint | undefined {
  if (value === undefined) return undefined;
  if (!POSITIVE_INTEGER.test(value) || value.length > 20 || BigInt(value) >= 1n << 64n)
    throw new UsageError(`--${option} "${value}" must be a log sequence number (1, 2, ...)`);
  return BigInt(value);
}

export function natsUrlOption(value: string | undefined): string {
  const url = value ?? NATS_URL_DEFAULT;
  if (!NATS_URL.test(url))
    throw new UsageError(`--nats "${url}" is not a NATS url: write it like nats://127.0.0.1:4222`);
  return url;
}

/**
 * The options every forensic command shares (`--data`, `--genesis`, the height range, `--json`), their
 * typed reads, and opening the log they name. The log is opened read-only: these commands are safe
 * beside a running engine or on a copy of its data directory.
 */
import { resolve } from 'node:path';
import type { LogReader } from '@marketnode/log-store';
import { DATA_DIR_DEFAULT } from '../data-dir.js';
import { readGenesisFile, type GenesisFile } from '../genesis/genesis-file.js';
import { UsageError } from './usage-error.js';

const POSITIVE_INTEGER = /^[1-9][0-9]*$/;
const UINT64_DIGITS_MAX = 20;

export const LOG_OPTIONS = {
  data: { type: 'string' },
  genesis: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const HEIGHT_RANGE_OPTIONS = {
  'from-height': { type: 'string' },
  'to-height': { type: 'string' },
} as const;

export const LOG_OPTIONS_HELP = `  --data DIR            the engine's data directory (default ${DATA_DIR_DEFAULT})
  --genesis FILE        the genesis the log was started from; the log is checked against it`;

export const HEIGHT_RANGE_HELP = `  --from-height H       first block height read (default: the start of the log)
  --to-height H         last block height read, inclusive (default: the end of the log)`;

export function heightOption(value: string | undefined, option: string): bigint | undefined {
  if (value === undefined) return undefined;
  if (!POSITIVE_INTEGER.test(value) || value.length > UINT64_DIGITS_MAX || BigInt(value) >= 1n << 64n)
    throw new UsageError(`--${option} "${value}" must be a block height (1, 2, ...)`);
  return BigInt(value);
}

export interface HeightRange {
  readonly fromHeight?: bigint;
  readonly toHeight?: bigint;
}

export function heightRangeOptions(values: {
  readonly 'from-height'?: string | undefined;
  readonly 'to-height'?: string | undefined;
}): HeightRange {
  const fromHeight = heightOption(values['from-height'], 'from-height');
  const toHeight = heightOption(values['to-height'], 'to-height');
  if (fromHeight !== undefined && toHeight !== undefined && toHeight < fromHeight)
    throw new UsageError(`--to-height ${toHeight} is before --from-height ${fromHeight}`);
  return {
    ...(fromHeight === undefined ? {} : { fromHeight }),
    ...(toHeight === undefined ? {} : { toHeight }),
  };
}

/** The genesis file at `path` (relative to the working directory), or undefined when none was given. */
export function genesisOption(path: string | undefined): GenesisFile | undefined {
  return path === undefined ? undefined : readGenesisFile(resolve(path));
}

/**
 * Opens the log at `--data` read-only; with a genesis, first proves the log was started from it
 * (`LOG_ERR_GENESIS_MISMATCH` otherwise), so answers are never computed against the wrong chain.
 */
export async function openForensicLog(options: {
  readonly data: string | undefined;
  readonly genesisFile: GenesisFile | undefined;
}): Promise<LogReader> {
  const logPath = resolve(options.data ?? DATA_DIR_DEFAULT);
  // Loaded here: `--help` and usage errors must not need LMDB.
  const { hashGenesis, openLogReader, LogGenesisMismatchError } = await import('@marketnode/log-store');
  const reader = openLogReader({ path: logPath });
  if (options.genesisFile !== undefined) {
    const givenHash = hashGenesis(options.genesisFile.bytes);
    if (!givenHash.equals(reader.genesisHash)) {
      await reader.close();
      throw new LogGenesisMismatchError(logPath, hex(reader.genesisHash), hex(givenHash));
    }
  }
  return reader;
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

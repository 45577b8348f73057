/**
 * Where the `nats-server` binary is. Debian's package installs it in /usr/sbin, which is not on a
 * normal user's PATH, so the usual sbin folders are searched after PATH.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { NatsServerNotFoundError } from './errors.js';

const BINARY_NAME = 'nats-server';
const EXTRA_FOLDERS = ['/usr/sbin', '/usr/local/sbin', '/usr/local/bin', '/usr/bin'];

/**
 * The explicit `binaryPath` if given, else `NATS_SERVER_BIN`, else the first executable
 * `nats-server` on PATH or in the sbin folders. Throws `NatsServerNotFoundError` naming every place
 * it looked and the package to install.
 */
export function resolveNatsServerBinary(
  options: { readonly binaryPath?: string; readonly env?: NodeJS.ProcessEnv } = {},
): string {
  const env = options.env ?? process.env;
  const explicit = options.binaryPath ?? nonEmpty(env['NATS_SERVER_BIN']);
  const candidates = explicit !== undefined ? [explicit] : searchPath(env['PATH']);
  const found = candidates.find(isExecutable);
  if (found === undefined) throw new NatsServerNotFoundError(candidates);
  return found;
}

function searchPath(path: string | undefined): string[] {
  const folders = (path ?? '').split(delimiter).filter((folder) => folder.length > 0);
  return [...new Set([...folders, ...EXTRA_FOLDERS])].map((folder) => join(folder, BINARY_NAME));
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}

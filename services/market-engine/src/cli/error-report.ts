/**
 * How `marketnode` tells the user something failed: the stable code (what scripts match on), the
 * message, and a hint saying what to do. Engine replies carry their own hint; the errors raised on
 * this side (connecting, the log, the genesis) get theirs from the table below, by code.
 */
import type { EngineError } from '@marketnode/market-client';
import type { OutputStream } from './cli-io.js';

const HINTS: Readonly<Record<string, string>> = {
  CLIENT_ERR_CONNECT_FAILED:
    'Start a local node with `npm start` and pass the NATS url it prints: --nats nats://127.0.0.1:<port>.',
  NATS_ERR_NO_RESPONDERS:
    'Nothing answers on this NATS server: start the engine (`npm start` or `marketnode engine`).',
  NATS_ERR_REQUEST_TIMEOUT:
    'The engine did not answer in time: check that it runs, or raise --timeout-ms if it is busy.',
  NATS_ERR_OPERATION_TIMEOUT: 'Check that nats-server runs and is reachable, then retry.',
  NATS_ERR_SERVER_NOT_FOUND:
    'Install it: sudo apt-get install nats-server (or set NATS_SERVER_BIN to its path).',
  NATS_ERR_SERVER_START_FAILED: 'Read the nats-server log lines above; another process may hold the port.',
  LOG_ERR_NOT_FOUND: 'Point --data at the engine data directory (`npm start` uses ./.marketnode/data).',
  LOG_ERR_GENESIS_MISMATCH: 'Pass the genesis file the log was started with: --genesis FILE.',
  LOG_ERR_WRITER_LOCKED: 'Another engine runs on this data directory: stop it first, or use another --data.',
  LOG_ERR_DISK_FULL:
    'Free space on the disk holding --data, then start the engine again: it recovers from what is on disk.',
  LOG_ERR_CORRUPT:
    'Run `marketnode log verify --data DIR` to find the first bad entry; restore from a backup.',
  LOG_ERR_FORMAT_UNSUPPORTED: 'Check that --data is an engine data directory made by this version.',
  GENESIS_ERR_INVALID: 'Fix the genesis file at the paths listed above.',
  CLIENT_ERR_UNEXPECTED_REPLY: 'Run the engine and this tool from the same checkout (same protocol version).',
};

const INTERNAL_HINT =
  'This looks like a bug: rerun with MARKETNODE_DEBUG=1 for the stack trace and report it.';
const SYSTEM_HINT = 'Check the path and its permissions.';
const GENERIC_HINT =
  "The message says what went wrong; docs/errors.md and the libraries' READMEs list every code.";

export function hintFor(code: string): string {
  if (HINTS[code] !== undefined) return HINTS[code];
  return /^E[A-Z]+$/.test(code) ? SYSTEM_HINT : GENERIC_HINT;
}

/** An engine's error reply: code, message and its own hint. */
export function reportEngineError(stream: OutputStream, error: EngineError): void {
  stream.write(`error ${error.code}: ${error.message}\n`);
  if (error.hint !== '') stream.write(`hint: ${error.hint}\n`);
}

/** Anything thrown: errors with a `code` print it with the table's hint; others are unexpected. */
export function reportThrown(stream: OutputStream, error: unknown): void {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === undefined) {
    stream.write(`error INTERNAL: ${message}\nhint: ${INTERNAL_HINT}\n`);
    if (process.env['MARKETNODE_DEBUG'] === '1' && error instanceof Error) stream.write(`${error.stack}\n`);
    return;
  }
  reportEngineError(stream, { code, message, hint: hintFor(code) });
}

/** Our codes (`LOG_ERR_CORRUPT`) and Node's system codes (`ENOENT`); not Node's programmer-error codes. */
function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' && /^([A-Z]+_ERR_[A-Z_]+|E[A-Z]+)$/.test(code) ? code : undefined;
}

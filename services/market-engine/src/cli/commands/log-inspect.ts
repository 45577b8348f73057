/**
 * `marketnode log inspect`: the entries of a log, one per line, readable or as JSON lines.
 */
import { resolve } from 'node:path';
import { commandToWire, decodeLogBody, eventsToWire } from '@marketnode/events';
import type { LogEntry } from '@marketnode/log-store';
import { DATA_DIR_DEFAULT } from '../../data-dir.js';
import { toJsonText } from '../../json-text.js';
import { writeLine, type CliIo } from '../cli-io.js';
import { parseCommandLine, seqOption } from '../command-line.js';
import { reportThrown } from '../error-report.js';
import { commandSummary, eventsSummary } from '../log-entry-summary.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../usage-error.js';

export const HELP = `Usage: marketnode log inspect [options]

Prints the log's entries from --from to --to (inclusive; default: all of them), one per line:
seq, height, the command, and the events it produced. Every entry read is checked (its hash and
its link to the one before) on the way. Safe to run beside a running engine.

Options:
  --data DIR            the engine's data directory (default ${DATA_DIR_DEFAULT})
  --from SEQ            first entry (default 1)
  --to SEQ              last entry (default: the last one)
  --json                one JSON object per entry: seq, height, hashes, and the command and
                        events in their wire form (amounts and heights as strings)
  -h, --help            show this help

Examples:
  marketnode log inspect --from 1 --to 20
  marketnode log inspect --data /var/lib/marketnode --from 5000 --json | jq .command.type
  marketnode log inspect | grep SwapRejected

Exit codes: 0 printed, 1 the log cannot be read or is corrupt, 2 usage error.
`;

const OPTIONS = {
  data: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine(args, OPTIONS);
  if (values.help === true) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  const fromSeq = seqOption(values.from, 'from') ?? 1n;
  const toSeq = seqOption(values.to, 'to');
  if (toSeq !== undefined && toSeq < fromSeq)
    throw new UsageError(`--to ${toSeq} is before --from ${fromSeq}`);
  const logPath = resolve(values.data ?? DATA_DIR_DEFAULT);
  try {
    // Loaded here: `--help` and usage errors must not need LMDB.
    const { openLogReader } = await import('@marketnode/log-store');
    const reader = openLogReader({ path: logPath });
    try {
      for (const entry of reader.readRange(fromSeq, toSeq))
        await writeLine(io.stdout, values.json === true ? entryJson(entry) : entryLine(entry));
    } finally {
      await reader.close();
    }
    return EXIT_OK;
  } catch (error) {
    reportThrown(io.stderr, error);
    return EXIT_FAILURE;
  }
}

function entryLine(entry: LogEntry): string {
  const { command, events } = decodeLogBody(entry.body);
  const block = entry.stateHash === undefined ? '' : `  state ${hex(entry.stateHash).slice(0, 16)}`;
  return `seq ${entry.seq}  height ${entry.height}  ${commandSummary(command)}  =>  ${eventsSummary(events)}${block}`;
}

function entryJson(entry: LogEntry): string {
  const { command, events } = decodeLogBody(entry.body);
  return toJsonText({
    seq: entry.seq,
    height: entry.height,
    hash: entry.hash,
    prevHash: entry.prevHash,
    ...(entry.stateHash === undefined ? {} : { stateHash: entry.stateHash }),
    command: commandToWire(command),
    events: eventsToWire(events),
  });
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

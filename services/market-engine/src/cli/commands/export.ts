/**
 * `marketnode export`: the log's entries or swaps, by height range, as CSV or JSON lines on stdout.
 * Streams: each row is written as its entry is read (waiting for stdout to drain), so a log of any
 * size exports in bounded memory.
 */
import { writeLine, type CliIo } from '../cli-io.js';
import { parseCommandLine } from '../command-line.js';
import { reportThrown } from '../error-report.js';
import {
  genesisOption,
  heightRangeOptions,
  HEIGHT_RANGE_HELP,
  HEIGHT_RANGE_OPTIONS,
  LOG_OPTIONS,
  LOG_OPTIONS_HELP,
  openForensicLog,
} from '../forensic-options.js';
import { progressLine } from '../progress-line.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../usage-error.js';

export const HELP = `Usage: marketnode export [options] > FILE

Writes the log's entries or swaps within a height range to stdout, as CSV (RFC 4180 quoting, a
header line, LF line ends) or JSON lines (one object per row, the same keys). Every value is a
string: amounts in integer micro-units, rates and spreads as 18-decimal text, hashes and bodies
as hex. Streams, so any size of log exports in bounded memory. Progress goes to stderr when
stderr is a terminal.

  --kind swaps    one row per swap, executed or rejected: seq, height, requestId, trader,
                  receiver, outcome (executed|rejected), code, message, venue, offerAmount,
                  offerDenom, askDenom, receivedAmount, offerRate, askRate, spread, feeAmount,
                  feeDenom, poolDeltaDenom, poolDeltaBefore, poolDeltaAfter
  --kind entries  one row per log entry: seq, height, hash, prevHash, stateHash (block entries),
                  command (its type), events (their types, | separated), body (the stored
                  command and events, hex: decode with @marketnode/events decodeLogBody)

Options:
  --format csv|jsonl    default csv
  --json                the same as --format jsonl
  --kind swaps|entries  default swaps
${HEIGHT_RANGE_HELP}
${LOG_OPTIONS_HELP}
                        (optional here: without it the log is not checked against a genesis)
  -h, --help            show this help

Examples:
  marketnode export --from-height 100 --to-height 200 > swaps.csv
  marketnode export --kind entries --format jsonl --data /var/lib/marketnode > entries.jsonl
  marketnode export --format jsonl | jq -c 'select(.outcome == "rejected")'

Exit codes: 0 exported, 1 the log cannot be read or is corrupt, 2 usage error.
`;

const FORMATS = ['csv', 'jsonl'] as const;
const KINDS = ['swaps', 'entries'] as const;

const OPTIONS = {
  data: LOG_OPTIONS.data,
  genesis: LOG_OPTIONS.genesis,
  help: LOG_OPTIONS.help,
  json: LOG_OPTIONS.json,
  ...HEIGHT_RANGE_OPTIONS,
  format: { type: 'string' },
  kind: { type: 'string' },
} as const;

export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine(args, OPTIONS);
  if (values.help === true) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  if (values.json === true && values.format !== undefined && values.format !== 'jsonl')
    throw new UsageError(`--json means --format jsonl: drop one of --json and --format ${values.format}`);
  const format = oneOf(values.format ?? (values.json === true ? 'jsonl' : 'csv'), FORMATS, 'format');
  const kind = oneOf(values.kind ?? 'swaps', KINDS, 'kind');
  const range = heightRangeOptions(values);
  try {
    const reader = await openForensicLog({ data: values.data, genesisFile: genesisOption(values.genesis) });
    try {
      const { columnsOf, csvHeader, csvLine, exportRows } = await import('@marketnode/ledger/forensics');
      const columns = columnsOf(kind);
      const progress = progressLine(io.stderr);
      const rows = exportRows({
        reader,
        kind,
        ...range,
        onProgress: ({ seq, height }) => progress(`exporting: seq ${seq}, height ${height}`),
      });
      if (format === 'csv') await writeLine(io.stdout, csvHeader(columns));
      for await (const row of rows)
        await writeLine(io.stdout, format === 'csv' ? csvLine(columns, row) : JSON.stringify(row));
      progress(undefined);
      return EXIT_OK;
    } finally {
      await reader.close();
    }
  } catch (error) {
    reportThrown(io.stderr, error);
    return EXIT_FAILURE;
  }
}

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${option} "${value}" is not one of ${allowed.join(', ')}`);
}

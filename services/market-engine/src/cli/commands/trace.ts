/**
 * `marketnode trace ACCOUNT`: every log entry that names the account, with what happened to it
 * there and at which prices. Streams: one line per entry as it is read.
 */
import type { TraceRecord } from '@marketnode/ledger/forensics';
import { toJsonText } from '../../json-text.js';
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

export const HELP = `Usage: marketnode trace ACCOUNT [options]

Every entry of the log that names ACCOUNT, in log order, with its seq, height and the capacity in
which it is named:
  trader, receiver                    a swap it signed or was paid by (offered, received, the
                                      oracle rates used, the spread and the fee; or the rejection)
  validator, feeder, operator,        an oracle message (prevote, vote with the rates revealed,
  delegate, sender                    feeder delegation) or its rejection
  tallied, rewarded, missed-vote      a tally that counted, rewarded or missed the validator
                                      (with the rates the tally set)
  judged, slashed, jailed, unbonded   the slash window's verdict and what followed
Reads the log only (no replay). Progress goes to stderr when stderr is a terminal.

Options:
${LOG_OPTIONS_HELP}
                        (optional here: without it the log is not checked against a genesis)
${HEIGHT_RANGE_HELP}
  --json                one JSON object per entry (JSON lines): seq, height, command, roles, facts
  -h, --help            show this help

Examples:
  marketnode trace terra1alice
  marketnode trace terravaloper1alpha --from-height 100 --to-height 200
  marketnode trace terra1alice --json | jq -c 'select(.roles[] == "trader") | .facts'

Exit codes: 0 listed (possibly nothing), 1 the log cannot be read or is corrupt, 2 usage error.
`;

const OPTIONS = { ...LOG_OPTIONS, ...HEIGHT_RANGE_OPTIONS } as const;

export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, OPTIONS, { positionals: 1 });
  if (values.help === true) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  const [account] = positionals;
  if (account === undefined || account === '')
    throw new UsageError('say which account: marketnode trace terra1alice');
  const range = heightRangeOptions(values);
  try {
    const reader = await openForensicLog({ data: values.data, genesisFile: genesisOption(values.genesis) });
    try {
      const { traceAccount } = await import('@marketnode/ledger/forensics');
      const progress = progressLine(io.stderr);
      const records = traceAccount({
        reader,
        account,
        ...range,
        onProgress: ({ seq, height }) => progress(`reading the log: seq ${seq}, height ${height}`),
      });
      let count = 0;
      for await (const record of records) {
        progress(undefined);
        await writeLine(io.stdout, values.json === true ? toJsonText(record) : traceLine(record));
        count += 1;
      }
      progress(undefined);
      if (values.json !== true) await writeLine(io.stdout, `${count} entries name ${account}`);
      return EXIT_OK;
    } finally {
      await reader.close();
    }
  } catch (error) {
    reportThrown(io.stderr, error);
    return EXIT_FAILURE;
  }
}

function traceLine(record: TraceRecord): string {
  const facts = record.facts.map((fact) => {
    const { event, ...fields } = fact;
    const text = Object.entries(fields)
      .map(([key, value]) => `${key} ${value}`)
      .join(', ');
    return text === '' ? event : `${event}: ${text}`;
  });
  const head = `seq ${record.seq}  height ${record.height}  ${record.roles.join('+')}  ${record.command}`;
  return facts.length === 0 ? head : `${head}  =>  ${facts.join('; ')}`;
}

/**
 * `marketnode replay --to-height H`: the node's whole state right after block H, re-executed from
 * genesis with the pure core (and proven on the way against the log's recorded events and state
 * hashes): pools, oracle rates, supplies and the largest holders of each denom.
 */
import { resolve } from 'node:path';
import { DEMO_GENESIS_PATH } from '../../genesis/demo-genesis.js';
import { readGenesisFile } from '../../genesis/genesis-file.js';
import { toJsonText } from '../../json-text.js';
import { writeLine, type CliIo } from '../cli-io.js';
import { parseCommandLine, positiveIntegerOption } from '../command-line.js';
import { reportThrown } from '../error-report.js';
import { heightOption, hex, LOG_OPTIONS, LOG_OPTIONS_HELP, openForensicLog } from '../forensic-options.js';
import { progressLine } from '../progress-line.js';
import { textTree } from '../text-tree.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../usage-error.js';

/** The same limits as the library's TOP_HOLDERS_*: restated so `--help` loads nothing. */
const TOP_DEFAULT = 10;
const TOP_MAX = 10_000;

export const HELP = `Usage: marketnode replay --to-height H [options]

The node's whole state right after block H ended, rebuilt by re-executing the log from genesis
with the pure core. On the way every entry's events and every block's state hash are checked
against what the engine recorded, so the state shown is the one the engine had (a log that does
not reproduce fails with LOG_ERR_REPLAY_MISMATCH at its first differing entry).

Shows: the market's pools (base pool, Terra pool delta, virtual Terra and Luna pools), the
reserve (entry and exit deltas, inventory, day window), the oracle's exchange rates and tobin
taxes, the supply of every denom, and per denom the --top largest balances (module accounts
included). Progress goes to stderr when stderr is a terminal.

Options:
  --to-height H         the block whose end state is wanted (required)
  --top N               largest balances listed per denom (default ${TOP_DEFAULT}, at most ${TOP_MAX})
${LOG_OPTIONS_HELP}
                        (default: the bundled demo genesis; replay needs the genesis)
  --json                one JSON object: amounts and heights as strings, rates as 18-decimal text
  -h, --help            show this help

Examples:
  marketnode replay --to-height 120
  marketnode replay --data /var/lib/marketnode --genesis genesis.json --to-height 5000 --top 3
  marketnode replay --to-height 120 --json | jq .state.oracle.exchangeRates

Exit codes: 0 shown, 1 the block has not ended in the log or the log fails (code on stderr),
2 usage error.
`;

const OPTIONS = {
  ...LOG_OPTIONS,
  'to-height': { type: 'string' },
  top: { type: 'string' },
} as const;

export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine(args, OPTIONS);
  if (values.help === true) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  const height = heightOption(values['to-height'], 'to-height');
  if (height === undefined) throw new UsageError('missing --to-height (for example --to-height 120)');
  const top = positiveIntegerOption(values.top, 'top') ?? TOP_DEFAULT;
  if (top > TOP_MAX)
    throw new UsageError(`--top ${top} is more than ${TOP_MAX}: use export for whole tables`);
  try {
    return await replay({
      io,
      height,
      top,
      json: values.json === true,
      data: values.data,
      genesis: values.genesis,
    });
  } catch (error) {
    reportThrown(io.stderr, error);
    return EXIT_FAILURE;
  }
}

async function replay(options: {
  io: CliIo;
  height: bigint;
  top: number;
  json: boolean;
  data: string | undefined;
  genesis: string | undefined;
}): Promise<number> {
  const { io } = options;
  const genesisFile = readGenesisFile(resolve(options.genesis ?? DEMO_GENESIS_PATH));
  const reader = await openForensicLog({ data: options.data, genesisFile });
  try {
    const { stateAtHeight, reportState } = await import('@marketnode/ledger/forensics');
    const progress = progressLine(io.stderr);
    const replayed = await stateAtHeight({
      reader,
      genesis: genesisFile.genesis,
      height: options.height,
      onProgress: ({ seq, height }) =>
        progress(`replaying from genesis: seq ${seq}, height ${height} of ${options.height}`),
    });
    progress(undefined);
    const state = reportState(replayed.state, { top: options.top });
    const about = {
      height: replayed.height,
      seq: replayed.seq,
      stateHash: hex(replayed.stateHash),
      entriesReplayed: replayed.entriesReplayed,
    };
    if (options.json) {
      await writeLine(io.stdout, toJsonText({ ...about, state }));
      return EXIT_OK;
    }
    await writeLine(
      io.stdout,
      `state after block ${about.height} (seq ${about.seq}), state hash ${about.stateHash}, ` +
        `reproduced from genesis (${about.entriesReplayed} entries replayed)`,
    );
    for (const line of textTree(state)) await writeLine(io.stdout, line);
    return EXIT_OK;
  } finally {
    await reader.close();
  }
}

/**
 * `marketnode audit`: the ledger's audit of an engine log, and of a ledger's projections when
 * --ledger-data is given. Stops at the first failure, naming its seq, height and what differs.
 */
import { resolve } from 'node:path';
import { DATA_DIR_DEFAULT } from '../../data-dir.js';
import { DEMO_GENESIS_PATH } from '../../genesis/demo-genesis.js';
import { readGenesisFile } from '../../genesis/genesis-file.js';
import { writeLine, type CliIo } from '../cli-io.js';
import { parseCommandLine } from '../command-line.js';
import { reportEngineError, reportThrown } from '../error-report.js';
import { progressLine } from '../progress-line.js';
import { EXIT_FAILURE, EXIT_OK } from '../usage-error.js';

export const HELP = `Usage: marketnode audit [options]

Audits an engine log, and a ledger's projections of it, stopping at the first failure:
  1. the hash chain holds, up to the ledger's checkpoint (or the log's end);
  2. the ledger's checkpoint is an entry of this log (same seq, same hash);
  3. re-executing the commands reproduces every recorded event and block state hash;
  4. after every entry, for every denom: supply = genesis + minted - burned = the sum of balances
     = the re-execution's; every balance, the reserve's inventory (genesis + inflows - outflows)
     and the pool deltas (recomputed from swaps and replenishment) equal the re-execution's;
  5. the ledger's stored projections equal projections rebuilt from scratch.
A failure prints its code (LEDGER_ERR_AUDIT_...), the first seq and height where it broke, and
what differs. Reads only: safe beside a running engine; stop the ledger first (or audit a copy)
so its projections do not move while they are compared.
Progress goes to stderr when stderr is a terminal.

Options:
  --data DIR            the engine's data directory (default ${DATA_DIR_DEFAULT})
  --ledger-data DIR     a ledger's data directory: audit its projections too (default: the log only)
  --genesis FILE        the genesis the log was started from (default: the bundled demo genesis)
  --json                print the verdict as one JSON object on stdout
  -h, --help            show this help

Examples:
  marketnode audit
  marketnode audit --data /var/lib/marketnode --ledger-data /var/lib/marketnode-ledger --json

Exit codes: 0 the audit passed, 1 it failed (or the log cannot be read), 2 usage error.
`;

const OPTIONS = {
  data: { type: 'string' },
  'ledger-data': { type: 'string' },
  genesis: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine(args, OPTIONS);
  if (values.help === true) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  try {
    return await audit({
      logPath: resolve(values.data ?? DATA_DIR_DEFAULT),
      ledgerPath: values['ledger-data'] === undefined ? undefined : resolve(values['ledger-data']),
      genesisPath: resolve(values.genesis ?? DEMO_GENESIS_PATH),
      json: values.json === true,
      io,
    });
  } catch (error) {
    reportThrown(io.stderr, error);
    return EXIT_FAILURE;
  }
}

interface AuditRun {
  readonly logPath: string;
  readonly ledgerPath: string | undefined;
  readonly genesisPath: string;
  readonly json: boolean;
  readonly io: CliIo;
}

async function audit(options: AuditRun): Promise<number> {
  const { io } = options;
  const genesisFile = readGenesisFile(options.genesisPath);
  // Loaded here: `--help` and usage errors must not need LMDB.
  const { hashGenesis, openLogReader, LogGenesisMismatchError } = await import('@marketnode/log-store');
  const { auditLedger, ProjectionStore } = await import('@marketnode/ledger');
  const reader = openLogReader({ path: options.logPath });
  const genesisHash = hashGenesis(genesisFile.bytes);
  const store =
    options.ledgerPath === undefined
      ? undefined
      : ProjectionStore.openExisting({ path: options.ledgerPath, genesis: genesisFile.genesis, genesisHash });
  try {
    if (!genesisHash.equals(reader.genesisHash))
      throw new LogGenesisMismatchError(options.logPath, hex(reader.genesisHash), hex(genesisHash));
    const progress = progressLine(io.stderr);
    const verdict = await auditLedger({
      reader,
      genesis: genesisFile.genesis,
      ...(store === undefined ? {} : { store }),
      onProgress: ({ seq, phase }) => progress(`auditing (${phase}): seq ${seq}`),
    });
    progress(undefined);
    if (options.json) {
      await writeLine(
        io.stdout,
        JSON.stringify(verdict, (_key, value: unknown) =>
          typeof value === 'bigint' ? String(value) : value,
        ),
      );
      return verdict.ok ? EXIT_OK : EXIT_FAILURE;
    }
    if (!verdict.ok) {
      reportEngineError(io.stderr, verdict.failure);
      return EXIT_FAILURE;
    }
    const scope = store === undefined ? 'the log' : 'the log and the ledger projections';
    await writeLine(
      io.stdout,
      `audit ok: ${scope} up to seq ${verdict.lastSeq}; ${verdict.entriesAudited} entries and ` +
        `${verdict.blocksVerified} blocks reproduced, every invariant holds`,
    );
    return EXIT_OK;
  } finally {
    await store?.close();
    await reader.close();
  }
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

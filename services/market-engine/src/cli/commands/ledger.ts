/**
 * `marketnode ledger`: runs the ledger in this process until SIGINT or SIGTERM: follows the
 * engine's log (its LMDB file on this host, or the committed stream over NATS), keeps the
 * projections in its own LMDB with a checkpoint, answers ledger queries over NATS.
 */
import { resolve } from 'node:path';
import { natsAuthFromEnv, withTimeout } from '@marketnode/nats-kit';
import { DATA_DIR_DEFAULT } from '../../data-dir.js';
import { DEMO_GENESIS_PATH } from '../../genesis/demo-genesis.js';
import { readGenesisFile } from '../../genesis/genesis-file.js';
import { createReadableLogger } from '../../line-logger.js';
import type { CliIo } from '../cli-io.js';
import { natsUrlOption, parseCommandLine, portOption } from '../command-line.js';
import { reportThrown } from '../error-report.js';
import { onShutdownSignal } from '../shutdown-signal.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../usage-error.js';

/** Inside the engine's default data directory, where `npm start`'s ledger keeps its projections. */
export const LEDGER_DATA_DIR_DEFAULT = `${DATA_DIR_DEFAULT}/ledger`;
/** Stopping commits what was applied and closes: far less than this unless the disk hangs. */
export const LEDGER_STOP_TIMEOUT_MS = 30_000;

export const HELP = `Usage: marketnode ledger [options]

Runs the ledger: projections of the engine's log (balances, supplies, pool deltas, reserve flows,
oracle rates per vote period, per-block aggregates, account history) kept in --ledger-data with a
checkpoint, so a restart resumes exactly where it stopped.

  Same host as the engine (--data): reads the engine's log file, and also serves log.range so
  ledgers on other hosts can catch up from it.
  Another host (--remote): follows events.committed.* over NATS, catching up and repairing gaps
  with log.range from a ledger on the engine's host.

With --nats it answers ledger.query.balances, .supplies, .history and .block (docs/protocol.md).
SIGINT or SIGTERM stops it gracefully.

Options:
  --data DIR            the engine's data directory on this host (default ${DATA_DIR_DEFAULT})
  --remote              follow over NATS instead of reading --data
  --ledger-data DIR     the ledger's own data directory (default ${LEDGER_DATA_DIR_DEFAULT})
  --genesis FILE        the genesis the engine runs with (default: the bundled demo genesis)
  --nats URL            NATS server for queries, log.range and --remote (default: none locally,
                        nats://127.0.0.1:4222 with --remote)
  --metrics-port PORT   serve Prometheus /metrics and /health on PORT (default: none)
  --metrics-host HOST   address for /metrics and /health (default 127.0.0.1)
  -h, --help            show this help

Examples:
  marketnode ledger --nats nats://127.0.0.1:4222
  marketnode ledger --remote --nats nats://engine-host:4222 --ledger-data /var/lib/ledger

Exit codes: 0 stopped by a signal, 1 failed or stopped on an error, 2 usage error.
`;

const OPTIONS = {
  data: { type: 'string' },
  remote: { type: 'boolean' },
  'ledger-data': { type: 'string' },
  genesis: { type: 'string' },
  nats: { type: 'string' },
  'metrics-port': { type: 'string' },
  'metrics-host': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine(args, OPTIONS);
  if (values.help === true) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  const remote = values.remote === true;
  if (remote && values.data !== undefined) throw new UsageError('--remote follows over NATS: drop --data');
  const natsUrl = remote || values.nats !== undefined ? natsUrlOption(values.nats) : undefined;
  const metricsPort = portOption(values['metrics-port'], 'metrics-port');
  const metricsHost = values['metrics-host'];
  const natsAuth = natsAuthFromEnv();
  const logger = createReadableLogger(io.stderr, { name: 'ledger' });
  const shutdown = onShutdownSignal((signal) => logger.warn({ signal }, 'second signal: exiting at once'));
  try {
    const genesisFile = readGenesisFile(resolve(values.genesis ?? DEMO_GENESIS_PATH));
    const { hashGenesis } = await import('@marketnode/log-store');
    const { runLedger } = await import('@marketnode/ledger');
    const running = await runLedger({
      ledgerDir: resolve(values['ledger-data'] ?? LEDGER_DATA_DIR_DEFAULT),
      genesis: genesisFile.genesis,
      genesisHash: hashGenesis(genesisFile.bytes),
      ...(remote ? {} : { logPath: resolve(values.data ?? DATA_DIR_DEFAULT) }),
      ...(natsUrl === undefined ? {} : { natsUrl }),
      ...(natsAuth === undefined ? {} : { natsAuth }),
      ...(metricsPort === undefined ? {} : { metricsPort }),
      ...(metricsHost === undefined ? {} : { metricsHost }),
      logger,
    });
    const outcome = await Promise.race([
      shutdown.received.then((signal) => ({ signal })),
      running.stopped.then(() => ({ signal: undefined })),
    ]);
    if (outcome.signal === undefined) {
      logger.error('the ledger stopped by itself');
      return EXIT_FAILURE;
    }
    logger.info({ signal: outcome.signal }, 'stopping');
    await withTimeout(running.stop(), {
      timeoutMs: LEDGER_STOP_TIMEOUT_MS,
      operation: 'stopping the ledger',
    });
    logger.info({ seq: String(running.store.lastCommittedSeq) }, 'ledger stopped');
    return EXIT_OK;
  } catch (error) {
    reportThrown(io.stderr, error);
    return EXIT_FAILURE;
  } finally {
    shutdown.dispose();
  }
}

/**
 * `npm start`: a whole node on this machine. A nats-server child on loopback (port 4222, the CLI's
 * default, when it is free, so `npx marketnode swap ...` needs no --nats; else any free port), the engine
 * in this process with the bundled demo genesis and its block clock, and one oracle feeder per
 * validator on the simulated market (`@marketnode/oracle-feeder`), which keeps oracle rates set, and
 * the ledger (`@marketnode/ledger`) following the log file. Prints where everything is and a swap to
 * paste; Ctrl-C stops it all, in order.
 */
import { join, resolve } from 'node:path';
import { runLedger, type RunningLedger } from '@marketnode/ledger';
import { hashGenesis } from '@marketnode/log-store';
import { MarketClient } from '@marketnode/market-client';
import {
  NatsServerNotFoundError,
  NatsServerStartError,
  startNatsServer,
  withTimeout,
  type NatsServerHandle,
} from '@marketnode/nats-kit';
import type { Logger } from 'pino';
import { NATS_URL_DEFAULT, parseCommandLine, positiveIntegerOption } from './cli/command-line.js';
import { reportThrown } from './cli/error-report.js';
import { onShutdownSignal } from './cli/shutdown-signal.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './cli/usage-error.js';
import { DATA_DIR_DEFAULT } from './data-dir.js';
import { runEngine, type RunningEngine } from './engine/run-engine.js';
import { DEMO_GENESIS_PATH } from './genesis/demo-genesis.js';
import { readGenesisFile, type GenesisFile } from './genesis/genesis-file.js';
import { startLocalFeeders, type LocalFeeder } from '@marketnode/oracle-feeder';
import { RatesAnnouncer } from './rates-announcer.js';
import { createReadableLogger } from './line-logger.js';

/** Any free port: the banner prints the engine's metrics URL (deploy/ fixes ports instead). */
const ENGINE_METRICS_PORT = 0;

/** Each part gets this long to stop before the next one is stopped anyway. */
const PART_STOP_TIMEOUT_MS = 15_000;

const HELP = `Usage: npm start [-- options]

Starts a local node: nats-server on a free loopback port, the market engine with the bundled demo
genesis, an oracle feeder for each of its 4 validators on a simulated market, which sets the
oracle's rates every vote period, and the ledger (projections of the log, in the "ledger" folder
of --data; queries on ledger.query.*). Ctrl-C stops everything.

Options:
  --data DIR            the engine's data directory (default ${DATA_DIR_DEFAULT}); an existing log
                        is recovered, so the node continues where it stopped
  --block-time-ms MS    end a block every MS milliseconds (default 6000)
  -h, --help            show this help
`;

const OPTIONS = {
  data: { type: 'string' },
  'block-time-ms': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface Parts {
  server?: NatsServerHandle;
  engine?: RunningEngine;
  client?: MarketClient;
  feeders?: LocalFeeder[];
  announcer?: RatesAnnouncer;
  ledger?: RunningLedger;
}

interface LocalNodeSettings {
  readonly dataDir: string;
  readonly blockTimeMs: number | undefined;
}

/** The settings, or the exit code when the command line asked for help or was wrong. */
function settingsOf(argv: readonly string[]): LocalNodeSettings | number {
  try {
    const { values } = parseCommandLine(argv, OPTIONS);
    if (values.help === true) {
      process.stdout.write(HELP);
      return EXIT_OK;
    }
    return {
      dataDir: resolve(values.data ?? DATA_DIR_DEFAULT),
      blockTimeMs: positiveIntegerOption(values['block-time-ms'], 'block-time-ms'),
    };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`npm start: ${error.message}\nRun \`npm start -- --help\` for usage.\n`);
    return EXIT_USAGE;
  }
}

export async function startLocalNode(argv: readonly string[]): Promise<number> {
  const settings = settingsOf(argv);
  if (typeof settings === 'number') return settings;
  const { dataDir, blockTimeMs } = settings;
  const logger = createReadableLogger(process.stderr, { name: 'node' });
  const shutdown = onShutdownSignal(() => logger.warn('second signal: exiting at once'));
  const parts: Parts = {};
  try {
    const genesisFile = readGenesisFile(DEMO_GENESIS_PATH);
    parts.server = await startLocalNatsServer();
    parts.engine = await runEngine({
      dataDir,
      genesisPath: DEMO_GENESIS_PATH,
      natsUrl: parts.server.url,
      ...(blockTimeMs === undefined ? {} : { blockTimeMs }),
      metricsPort: ENGINE_METRICS_PORT,
      logger: createReadableLogger(process.stderr, { name: 'engine' }),
    });
    parts.client = await MarketClient.connect({ servers: parts.server.url, name: 'local-node' });
    parts.announcer = announceRates(parts.client, genesisFile, logger);
    await parts.client.connection.flush();
    parts.feeders = await startLocalFeeders({
      natsUrl: parts.server.url,
      validators: genesisFile.genesis.validators.map((validator) => validator.operator),
      dataDir,
      logger: createReadableLogger(process.stderr, { name: 'feeder' }),
    });
    // Beside the engine: it reads the log file and serves log.range for ledgers elsewhere.
    parts.ledger = await runLedger({
      ledgerDir: join(dataDir, 'ledger'),
      logPath: dataDir,
      natsUrl: parts.server.url,
      genesis: genesisFile.genesis,
      genesisHash: hashGenesis(genesisFile.bytes),
      metricsPort: ENGINE_METRICS_PORT,
      logger: createReadableLogger(process.stderr, { name: 'ledger' }),
    });
    printBanner({
      natsUrl: parts.server.url,
      dataDir,
      genesisFile,
      blockTimeMs: blockTimeMs ?? 6_000,
      metricsUrl: parts.engine.metricsUrl ?? '',
      feeders: parts.feeders,
      ledgerMetricsUrl: parts.ledger.metricsUrl ?? '',
    });
    const engineStopped = parts.engine.stopped.then(() => 'the engine stopped by itself');
    const reason = await Promise.race([
      shutdown.received.then((signal) => `${signal} received`),
      engineStopped,
    ]);
    logger.info(`${reason}: stopping`);
    return (await stopAll(parts, logger)) && reason.endsWith('received') ? EXIT_OK : EXIT_FAILURE;
  } catch (error) {
    if (error instanceof NatsServerNotFoundError) process.stderr.write(`npm start: ${error.message}\n`);
    else reportThrown(process.stderr, error);
    await stopAll(parts, logger);
    return EXIT_FAILURE;
  } finally {
    shutdown.dispose();
  }
}

/** The CLI's default port when it is free; any free port when something else holds it. */
async function startLocalNatsServer(): Promise<NatsServerHandle> {
  try {
    return await startNatsServer({ port: Number(new URL(NATS_URL_DEFAULT).port) });
  } catch (error) {
    if (!(error instanceof NatsServerStartError)) throw error;
    return startNatsServer();
  }
}

function announceRates(client: MarketClient, genesisFile: GenesisFile, logger: Logger): RatesAnnouncer {
  const validators = genesisFile.genesis.validators.length;
  return new RatesAnnouncer({
    client,
    votePeriod: genesisFile.genesis.oracle.params.votePeriod,
    logger,
    // "demo voters": tools/deploy-checks waits for this line.
    announce: (height) =>
      process.stdout.write(
        `\nOracle rates set by the demo voters at height ${height} (${validators} feeders' votes): swaps execute now.\n`,
      ),
  });
}

function printBanner(info: {
  natsUrl: string;
  dataDir: string;
  genesisFile: GenesisFile;
  blockTimeMs: number;
  metricsUrl: string;
  feeders: readonly LocalFeeder[];
  ledgerMetricsUrl: string;
}): void {
  const feederLines = info.feeders
    .map((local) => `  feeder    ${local.feeder.telemetryUrl ?? ''}/metrics (${local.validator})`)
    .join('\n');
  const votePeriod = info.genesisFile.genesis.oracle.params.votePeriod;
  const periodSeconds = (Number(votePeriod) * info.blockTimeMs) / 1000;
  process.stdout.write(`
marketnode local node is running
  NATS      ${info.natsUrl}
  data      ${info.dataDir}
  metrics   ${info.metricsUrl}/metrics (engine; health at ${info.metricsUrl}/health)
${feederLines}
  ledger    ${info.ledgerMetricsUrl}/metrics (projections in ${join(info.dataDir, 'ledger')})
  log       ${info.dataDir}/data.mdb (LMDB)
  genesis   ${DEMO_GENESIS_PATH} (chain ${info.genesisFile.chainId})
  blocks    every ${info.blockTimeMs} ms; oracle vote period ${votePeriod} blocks (${periodSeconds} s)

Send a swap from another terminal:
  npx marketnode swap --nats ${info.natsUrl} --trader terra1alice --offer 1000000uusd --ask uluna

More:
  npx marketnode query rates --nats ${info.natsUrl}
  npx marketnode query balance --account terra1alice --nats ${info.natsUrl}
  npx marketnode log verify --data ${info.dataDir}
  npx marketnode audit --data ${info.dataDir}

Swaps need oracle rates: on a fresh start the genesis rates hold until the first tally (end of the
first vote period); the feeders' first votes are tallied at the end of the second one, and rates
are set every vote period from then on (a line below says when).
Ctrl-C stops everything.
`);
}

/** Stops in reverse order of start, each part bounded; true when every part stopped cleanly. */
async function stopAll(parts: Parts, logger: Logger): Promise<boolean> {
  const { feeders, announcer, client, ledger, engine, server } = parts;
  const steps: [string, (() => Promise<void>) | undefined][] = [
    ...(feeders ?? []).map((local): [string, () => Promise<void>] => [
      `feeder of ${local.validator}`,
      () => local.feeder.stop(),
    ]),
    ['rates announcer', announcer && (() => announcer.stop())],
    ['client', client && (() => client.close())],
    ['ledger', ledger && (() => ledger.stop())],
    ['engine', engine && (() => engine.stop())],
    ['nats-server', server && (() => server.stop())],
  ];
  let clean = true;
  for (const [name, stop] of steps) {
    if (stop === undefined) continue;
    try {
      await withTimeout(stop(), { timeoutMs: PART_STOP_TIMEOUT_MS, operation: `stopping the ${name}` });
    } catch (error) {
      clean = false;
      logger.error({ err: error }, `could not stop the ${name} cleanly`);
    }
  }
  return clean;
}

process.exitCode = await startLocalNode(process.argv.slice(2));

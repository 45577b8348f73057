/**
 * The feeder as a command: `marketnode feeder --config FILE` and the package's own entry
 * (`src/main.ts`). Reads and checks the config, starts the feeder, runs until SIGINT or SIGTERM,
 * then stops it (results still awaited are given their timeout). Logs are pino JSON lines.
 */
import { parseArgs } from 'node:util';
import { closeNats, connectNats, natsAuthFromEnv, type NatsUserAuth } from '@marketnode/nats-kit';
import type { NatsConnection } from '@nats-io/transport-node';
import { pino, type Logger } from 'pino';
import { buildSources, readFeederConfigFile } from './config/feeder-config.js';
import { FeederConfigError, FeederEngineParamsError } from './service/feeder-errors.js';
import { startFeeder } from './service/feeder.js';

export const FEEDER_HELP = `Usage: marketnode feeder --config FILE

Runs an oracle feeder: for each validator in the config it prevotes and reveals the oracle's
exchange rates every vote period, timed by the engine's published blocks, with prices from the
configured sources (median across sources, outlier gate, abstain when too few). The pending
reveal of each validator is kept in the config's dataDir, so a restarted feeder still reveals.
Metrics and /health are served when the config has "metrics". Where the NATS server
authenticates, the user and password come from MARKETNODE_NATS_USER and MARKETNODE_NATS_PASSWORD.
SIGINT or SIGTERM stops it.

Options:
  --config FILE   the feeder's JSON config (services/oracle-feeder/README.md describes it)
  -h, --help      show this help

Examples:
  marketnode feeder --config /etc/marketnode/feeder.json
  node --import tsx services/oracle-feeder/src/main.ts --config feeder.json

Exit codes: 0 stopped by a signal, 1 failed to start, 2 usage error.
`;

export interface FeederCommandIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

export async function runFeederCommand(args: readonly string[], io: FeederCommandIo): Promise<number> {
  let configPath: string | undefined;
  try {
    const { values } = parseArgs({
      args: [...args],
      options: { config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help === true) {
      io.stdout.write(FEEDER_HELP);
      return EXIT_OK;
    }
    configPath = values.config;
  } catch (error) {
    io.stderr.write(`marketnode feeder: ${(error as Error).message}\n${FEEDER_HELP}`);
    return EXIT_USAGE;
  }
  if (configPath === undefined) {
    io.stderr.write(`marketnode feeder: --config FILE is required\n${FEEDER_HELP}`);
    return EXIT_USAGE;
  }
  const logger = pino(
    { base: { service: 'oracle-feeder' } },
    { write: (line: string) => io.stdout.write(line) },
  );
  const prices = new PricesConnection();
  try {
    await runFromConfig(configPath, { logger, prices });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof FeederConfigError || error instanceof FeederEngineParamsError) {
      io.stderr.write(`marketnode feeder: ${error.code}: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    const code = (error as { code?: unknown }).code;
    io.stderr.write(`marketnode feeder: ${typeof code === 'string' ? `${code}: ` : ''}${String(error)}\n`);
    return EXIT_FAILURE;
  } finally {
    await prices.close();
  }
}

/** Starts the feeder the config describes and runs it until SIGINT or SIGTERM. */
async function runFromConfig(
  configPath: string,
  parts: { readonly logger: Logger; readonly prices: PricesConnection },
): Promise<void> {
  const { logger, prices } = parts;
  const config = readFeederConfigFile(configPath);
  const natsAuth = natsAuthFromEnv();
  const sources = await buildSources(config, {
    natsConnection: () => prices.open({ natsUrl: config.natsUrl, natsAuth }),
  });
  const feeder = await startFeeder({
    natsUrl: config.natsUrl,
    ...(natsAuth === undefined ? {} : { natsAuth }),
    validators: config.validators,
    sources,
    aggregation: config.aggregation,
    dataDir: config.dataDir,
    logger,
    ...(config.metrics === undefined ? {} : { metricsPort: config.metrics.port }),
    ...(config.metrics?.host === undefined ? {} : { metricsHost: config.metrics.host }),
    ...(config.resultTimeoutMs === undefined ? {} : { resultTimeoutMs: config.resultTimeoutMs }),
    ...(config.blockStaleAfterMs === undefined ? {} : { blockStaleAfterMs: config.blockStaleAfterMs }),
  });
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  logger.info({ signal }, 'stopping');
  await feeder.stop();
}

/** The connection `nats` price sources read on, opened only when the config has one. */
class PricesConnection {
  private connection: Promise<NatsConnection> | undefined;

  open(options: {
    readonly natsUrl: string;
    readonly natsAuth: NatsUserAuth | undefined;
  }): Promise<NatsConnection> {
    this.connection ??= connectNats({
      servers: options.natsUrl,
      name: 'oracle-feeder-prices',
      ...(options.natsAuth === undefined ? {} : { auth: options.natsAuth }),
    });
    return this.connection;
  }

  async close(): Promise<void> {
    const connection = await this.connection?.catch(() => undefined);
    if (connection !== undefined) await closeNats(connection);
  }
}

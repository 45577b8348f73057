/**
 * `marketnode engine`: runs the engine in this process until SIGINT or SIGTERM, then stops it
 * gracefully (the inbox drained, the last batch durable and answered, the log closed).
 */
import { resolve } from 'node:path';
import { NATS_PASSWORD_ENV, NATS_USER_ENV, natsAuthFromEnv, withTimeout } from '@marketnode/nats-kit';
import { DATA_DIR_DEFAULT } from '../../data-dir.js';
import { DEMO_GENESIS_PATH } from '../../genesis/demo-genesis.js';
import { createReadableLogger } from '../../line-logger.js';
import type { CliIo } from '../cli-io.js';
import { natsUrlOption, parseCommandLine, portOption, positiveIntegerOption } from '../command-line.js';
import { reportThrown } from '../error-report.js';
import { onShutdownSignal } from '../shutdown-signal.js';
import { EXIT_FAILURE, EXIT_OK } from '../usage-error.js';

/** A graceful stop drains at most one inbox and one batch: far less than this, unless the disk hangs. */
export const ENGINE_STOP_TIMEOUT_MS = 30_000;

export const HELP = `Usage: marketnode engine [options]

Runs the market engine: takes swaps, oracle messages and queries from NATS, applies them in
order, records every command and its events in the hash-chained log under --data, and answers
once the record is durable. On start it verifies the log, loads the last snapshot and replays
the rest. SIGINT or SIGTERM (Ctrl-C) stops it gracefully; a second one exits at once (safe: what
was acknowledged is on disk).

Options:
  --data DIR            data directory, where the log lives (default ${DATA_DIR_DEFAULT})
  --genesis FILE        genesis file (default: the bundled demo genesis)
  --nats URL            NATS server to serve on (default nats://127.0.0.1:4222)
  --block-time-ms MS    end a block every MS milliseconds (default 6000)
  --external-ticks      end blocks only when asked on engine.control.tick (simulations)
  --metrics-port PORT   serve Prometheus /metrics and /health on PORT (default: none)
  --metrics-host HOST   address for /metrics and /health (default 127.0.0.1; 0.0.0.0 in a container)
  -h, --help            show this help

A server that authenticates (deploy/nats) takes the engine's user from ${NATS_USER_ENV} and
${NATS_PASSWORD_ENV} (never from the command line, which others can read).

Examples:
  marketnode engine --nats nats://127.0.0.1:4222
  marketnode engine --data /var/lib/marketnode --genesis genesis.json --block-time-ms 1000
  marketnode engine --external-ticks --data /tmp/sim
  marketnode engine --metrics-port 9464

Exit codes: 0 stopped by a signal, 1 failed to start or stopped on an error, 2 usage error.
`;

const OPTIONS = {
  data: { type: 'string' },
  genesis: { type: 'string' },
  nats: { type: 'string' },
  'block-time-ms': { type: 'string' },
  'external-ticks': { type: 'boolean' },
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
  const natsUrl = natsUrlOption(values.nats);
  const blockTimeMs = positiveIntegerOption(values['block-time-ms'], 'block-time-ms');
  const metricsPort = portOption(values['metrics-port'], 'metrics-port');
  const metricsHost = values['metrics-host'];
  const natsAuth = natsAuthFromEnv();
  const logger = createReadableLogger(io.stderr, { name: 'engine' });
  const shutdown = onShutdownSignal((signal) => logger.warn({ signal }, 'second signal: exiting at once'));
  try {
    // Loaded here, not at the top: `marketnode engine --help` must not need LMDB.
    const { runEngine } = await import('../../engine/run-engine.js');
    const running = await runEngine({
      dataDir: resolve(values.data ?? DATA_DIR_DEFAULT),
      genesisPath: resolve(values.genesis ?? DEMO_GENESIS_PATH),
      natsUrl,
      ...(natsAuth === undefined ? {} : { natsAuth }),
      ...(blockTimeMs === undefined ? {} : { blockTimeMs }),
      ...(values['external-ticks'] === true ? { externalTicks: true } : {}),
      ...(metricsPort === undefined ? {} : { metricsPort }),
      ...(metricsHost === undefined ? {} : { metricsHost }),
      logger,
    });
    logger.info(
      { height: running.height, lastSeq: running.lastSeq, nats: natsUrl, metrics: running.metricsUrl },
      'engine running',
    );
    const outcome = await Promise.race([
      shutdown.received.then((signal) => ({ signal })),
      running.stopped.then(() => ({ signal: undefined })),
    ]);
    if (outcome.signal === undefined) {
      logger.error('the engine stopped by itself');
      return EXIT_FAILURE;
    }
    logger.info({ signal: outcome.signal }, 'stopping');
    await withTimeout(running.stop(), {
      timeoutMs: ENGINE_STOP_TIMEOUT_MS,
      operation: 'stopping the engine',
    });
    logger.info({ height: running.height, lastSeq: running.lastSeq }, 'engine stopped');
    return EXIT_OK;
  } catch (error) {
    reportThrown(io.stderr, error);
    return EXIT_FAILURE;
  } finally {
    shutdown.dispose();
  }
}

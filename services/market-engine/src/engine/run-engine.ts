/**
 * Starts the engine: read the genesis, take the log's writer lock, recover the state from the log,
 * connect to NATS, attach the ingress, start the block clock and the loop. `stop()` shuts down in
 * order: no new input, the queued input finished and made durable, the log closed, NATS drained.
 */
import { knownDenoms } from '@marketnode/events';
import {
  hashGenesis,
  openLogWriter,
  startOffThreadAppender,
  type LogWriter,
  type OffThreadAppender,
} from '@marketnode/log-store';
import {
  closeNats,
  CONNECT_TIMEOUT_MS,
  connectNats,
  type NatsUserAuth,
  withTimeout,
} from '@marketnode/nats-kit';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { TelemetryServer } from '@marketnode/telemetry';
import { pino, type Logger } from 'pino';
import { readGenesisFile } from '../genesis/genesis-file.js';
import { BoundedInbox } from '../inbox.js';
import { EngineMetrics } from '../metrics/engine-metrics.js';
import { serveEngineTelemetry } from '../metrics/engine-telemetry.js';
import type { BatchContext } from './apply-batch.js';
import { EngineLoop } from './engine-loop.js';
import { attachIngress } from './ingress.js';
import { loggedSwapOutcome } from './outcome-index.js';
import { RecordedOutcomes } from './recorded-outcomes.js';
import { recover } from './recovery.js';
import type { WorkItem } from './work-item.js';

export const BLOCK_TIME_MS_DEFAULT = 6_000;
export const INBOX_COMMANDS_MAX = 20_000;
/** A snapshot every this many blocks (10 minutes at 6 s blocks): restart replays at most that much. */
export const SNAPSHOT_INTERVAL_BLOCKS = 100n;

export interface EngineOptions {
  readonly dataDir: string;
  readonly genesisPath: string;
  readonly natsUrl: string;
  /** The engine's NATS user, when the server authenticates (deploy/nats). */
  readonly natsAuth?: NatsUserAuth;
  readonly blockTimeMs?: number;
  /** Blocks end only on `engine.control.tick` requests (simulations), not on the clock. */
  readonly externalTicks?: boolean;
  /** Snapshot every this many blocks (default SNAPSHOT_INTERVAL_BLOCKS). */
  readonly snapshotIntervalBlocks?: bigint;
  readonly logger?: Logger;
  /** Serve /metrics and /health on this port (0: any free port); absent: no metrics at all. */
  readonly metricsPort?: number;
  /** Default 127.0.0.1; `0.0.0.0` where Prometheus scrapes from another host or container. */
  readonly metricsHost?: string;
}

export interface RunningEngine {
  readonly height: bigint;
  readonly lastSeq: bigint;
  /** `http://host:port` of /metrics and /health, when `metricsPort` was given. */
  readonly metricsUrl: string | undefined;
  stop(): Promise<void>;
  /** Resolves when the engine has stopped, by `stop()` or by a fatal error (then it rejects). */
  readonly stopped: Promise<void>;
}

export async function runEngine(options: EngineOptions): Promise<RunningEngine> {
  const logger = options.logger ?? pino({ name: 'market-engine' });
  const blockTimeMs = options.blockTimeMs ?? BLOCK_TIME_MS_DEFAULT;
  if (!Number.isSafeInteger(blockTimeMs) || blockTimeMs < 1)
    throw new RangeError(`blockTimeMs must be a positive integer, got ${blockTimeMs}`);
  const { genesis, bytes } = readGenesisFile(options.genesisPath);
  const writer = openLogWriter({ path: options.dataDir, genesisHash: hashGenesis(bytes) });
  let nc: NatsConnection | undefined;
  let appender: OffThreadAppender | undefined;
  try {
    const recovered = await recover(writer, genesis, logger);
    logger.info(
      { height: recovered.height, lastSeq: writer.lastSeq, replayed: recovered.replayedEntries },
      'recovered',
    );
    nc = await connectNats({
      servers: options.natsUrl,
      name: 'market-engine',
      ...(options.natsAuth === undefined ? {} : { auth: options.natsAuth }),
    });
    // Recovery read the log on this thread; from here on the log is appended on its own thread.
    appender = await startOffThreadAppender(writer);
    return await start({ options, logger, blockTimeMs, writer, appender, nc, recovered });
  } catch (error) {
    if (nc !== undefined) await closeNats(nc);
    await appender?.close();
    await writer.close();
    throw error;
  }
}

interface StartParts {
  readonly options: EngineOptions;
  readonly logger: Logger;
  readonly blockTimeMs: number;
  readonly writer: LogWriter;
  readonly appender: OffThreadAppender;
  readonly nc: NatsConnection;
  readonly recovered: Awaited<ReturnType<typeof recover>>;
}

async function start(parts: StartParts): Promise<RunningEngine> {
  const { options, logger, writer, appender, nc, recovered } = parts;
  const inbox = new BoundedInbox<WorkItem>(INBOX_COMMANDS_MAX);
  let fatal: unknown;
  const metrics: EngineMetrics | undefined =
    options.metricsPort === undefined ? undefined : engineMetrics(recovered, inbox, () => loop);
  const telemetry = metrics === undefined ? undefined : await serveTelemetry(parts, metrics, () => fatal);
  const observer: { observer?: EngineMetrics } = metrics === undefined ? {} : { observer: metrics };
  const context: BatchContext = {
    state: recovered.state,
    outcomes: recovered.outcomes,
    height: recovered.height,
    nextSeq: appender.lastSeq + 1n,
    recorded: new RecordedOutcomes((seq) => loggedSwapOutcome(writer, seq)),
    snapshotIntervalBlocks: options.snapshotIntervalBlocks ?? SNAPSHOT_INTERVAL_BLOCKS,
    now: () => BigInt(Date.now()),
    ...observer,
  };
  const loop: EngineLoop = new EngineLoop({
    context,
    appender,
    inbox,
    nc,
    ...observer,
    onFatal: (error) => {
      fatal = error;
      logger.error({ err: error }, 'the log refused a write: stopping; restart to recover from the log');
      loop.stop();
    },
  });
  const subscriptions = attachEngineIngress(parts, inbox, metrics);
  // The server knows the subscriptions once it answered a flush: only then does the engine count as
  // running, so a request sent right after `runEngine` resolves never meets "no responders".
  await withTimeout(nc.flush(), {
    timeoutMs: CONNECT_TIMEOUT_MS,
    operation: 'flushing the engine subscriptions',
  });
  const clock = options.externalTicks ? undefined : setInterval(() => loop.requestTick(), parts.blockTimeMs);
  const running = loop.run();
  let stopping: Promise<void> | undefined;
  const shutdown = async (): Promise<void> => {
    if (clock !== undefined) clearInterval(clock);
    for (const subscription of subscriptions) subscription.unsubscribe();
    loop.stop();
    await running;
    await appender.close();
    await writer.close();
    await closeNats(nc);
    await telemetry?.close();
    logger.info({ height: loop.height, lastSeq: loop.lastSeq }, 'stopped');
  };
  const stopped = running.then(async () => {
    stopping ??= shutdown();
    await stopping;
    if (fatal !== undefined) throw fatal;
  });
  logger.info(
    { height: context.height, nats: options.natsUrl, dataDir: options.dataDir, metrics: telemetry?.url },
    'engine running',
  );
  return {
    get height() {
      return loop.height;
    },
    get lastSeq() {
      return loop.lastSeq;
    },
    metricsUrl: telemetry?.url,
    stop: async () => {
      stopping ??= shutdown();
      await stopping;
    },
    stopped,
  };
}

function attachEngineIngress(
  parts: StartParts,
  inbox: BoundedInbox<WorkItem>,
  metrics: EngineMetrics | undefined,
): Subscription[] {
  const { logger } = parts;
  return attachIngress({
    nc: parts.nc,
    inbox,
    knownDenoms: knownDenoms(parts.recovered.state),
    externalTicks: parts.options.externalTicks ?? false,
    onRefused: (subject, error) => {
      metrics?.refused(error.code);
      logger.debug({ subject, code: error.code }, 'refused at the edge');
    },
    ...(metrics === undefined ? {} : { onSwapAnswered: (receivedMs) => metrics.swapAnswered(receivedMs) }),
  });
}

/** The metrics read the loop's height at scrape time only, once the loop exists. */
function engineMetrics(
  recovered: StartParts['recovered'],
  inbox: BoundedInbox<WorkItem>,
  loop: () => EngineLoop,
): EngineMetrics {
  return new EngineMetrics({
    state: recovered.state,
    height: () => loop().height,
    inboxSize: () => inbox.size,
    inboxCapacity: inbox.capacity,
  });
}

function serveTelemetry(
  parts: StartParts,
  metrics: EngineMetrics,
  writerFailure: () => unknown,
): Promise<TelemetryServer> {
  const { options } = parts;
  return serveEngineTelemetry({
    metrics,
    nc: parts.nc,
    writerFailure,
    blockTimeMs: parts.blockTimeMs,
    externalTicks: options.externalTicks ?? false,
    port: options.metricsPort ?? 0,
    ...(options.metricsHost === undefined ? {} : { host: options.metricsHost }),
  });
}

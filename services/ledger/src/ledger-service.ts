/**
 * Runs the ledger: opens its projection store, follows the engine's log (reading the LMDB file on
 * the same host, or the committed stream over NATS from elsewhere), answers queries over NATS,
 * serves `log.range` when it reads the log locally, and exposes /metrics and /health.
 * `stop()` ends the follower, commits what was applied, and closes everything in order.
 */
import { openLogReader, type LogReader } from '@marketnode/log-store';
import { MarketClient } from '@marketnode/market-client';
import {
  closeNats,
  connectNats,
  SharedInboxRequester,
  userInboxPrefix,
  type NatsUserAuth,
} from '@marketnode/nats-kit';
import type { NodeGenesis } from '@marketnode/node-state';
import { startTelemetryServer, type TelemetryServer } from '@marketnode/telemetry';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { pino, type Logger } from 'pino';
import { auditLedger, type AuditVerdict } from './audit/audit-ledger.js';
import { LedgerError } from './errors.js';
import { LedgerMetrics } from './metrics/ledger-metrics.js';
import { Projector } from './projection/projector.js';
import { serveLedgerQueries } from './queries/query-server.js';
import { ProjectionStore } from './store/projection-store.js';
import { followLocalLog } from './tailing/local-follower.js';
import { followNatsStream } from './tailing/nats-follower.js';
import { serveLogRange } from './tailing/range-server.js';

/** Bound on each log.range request of a remote ledger. */
export const RANGE_REQUEST_TIMEOUT_MS = 10_000;

export interface LedgerServiceOptions {
  /** The ledger's own data directory (its LMDB). */
  readonly ledgerDir: string;
  readonly genesis: NodeGenesis;
  /** `hashGenesis` of the genesis file: the log's first link, and the store's identity. */
  readonly genesisHash: Uint8Array;
  /** The engine's data directory on this host; absent: follow the committed stream over NATS. */
  readonly logPath?: string;
  /** Required without `logPath`; with it, enables queries and `log.range`. */
  readonly natsUrl?: string;
  /** The ledger's NATS user where the server authenticates (`natsAuthFromEnv`). */
  readonly natsAuth?: NatsUserAuth;
  readonly logger?: Logger;
  /** Serve /metrics and /health on this port (0: any free port); absent: no telemetry server. */
  readonly metricsPort?: number;
  readonly metricsHost?: string;
  readonly pollIntervalMs?: number;
}

export interface RunningLedger {
  readonly store: ProjectionStore;
  readonly metrics: LedgerMetrics;
  readonly metricsUrl: string | undefined;
  /** Audits the log and the projections as of the last commit, the follower held still meanwhile. */
  audit(): Promise<AuditVerdict>;
  stop(): Promise<void>;
  /** Settles when the follower ends: resolves after `stop()`, rejects on a fatal error. */
  readonly stopped: Promise<void>;
}

export async function runLedger(options: LedgerServiceOptions): Promise<RunningLedger> {
  const logger = options.logger ?? pino({ name: 'ledger' });
  if (options.logPath === undefined && options.natsUrl === undefined)
    throw new LedgerError(
      'LEDGER_ERR_NO_SOURCE',
      'give the engine log path (same host) or a NATS url (remote)',
    );
  const store = ProjectionStore.open({
    path: options.ledgerDir,
    genesis: options.genesis,
    genesisHash: options.genesisHash,
  });
  const projector = new Projector(store);
  const metrics = new LedgerMetrics();
  metrics.applied(store.lastSeq, 0);
  const reader = options.logPath === undefined ? undefined : openLogReader({ path: options.logPath });
  const nc =
    options.natsUrl === undefined
      ? undefined
      : await connectNats({
          servers: options.natsUrl,
          name: 'ledger',
          ...(options.natsAuth === undefined ? {} : { auth: options.natsAuth }),
        });
  const subscriptions: Subscription[] = [];
  if (nc !== undefined) {
    const onError = (error: unknown) => logger.error({ err: error }, 'a ledger request failed');
    subscriptions.push(...serveLedgerQueries({ nc, store, onError }));
    if (reader !== undefined) subscriptions.push(serveLogRange({ nc, reader, onError }));
  }
  const telemetry = await startTelemetry(options, metrics);
  const holder = new FollowerHold();
  const follower =
    reader !== undefined
      ? startLocal({ reader, projector, metrics, holder, pollIntervalMs: options.pollIntervalMs })
      : await startRemote({
          nc: nc as NatsConnection,
          url: options.natsUrl as string,
          auth: options.natsAuth,
          projector,
          metrics,
        });
  const stopped = follower.done.catch((error: unknown) => {
    metrics.failed(error instanceof Error ? error.message : String(error));
    logger.error({ err: error }, 'the ledger stopped following the log');
    throw error;
  });
  logger.info(
    { seq: String(store.lastSeq), source: reader === undefined ? 'nats' : 'local' },
    'ledger following',
  );

  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    follower.stop();
    await stopped.catch(() => undefined);
    for (const subscription of subscriptions) subscription.unsubscribe();
    await follower.close();
    if (nc !== undefined) await closeNats(nc);
    await telemetry?.close();
    await reader?.close();
    await store.close();
  };
  return {
    store,
    metrics,
    metricsUrl: telemetry?.url,
    audit: async () => {
      if (reader === undefined)
        throw new LedgerError(
          'LEDGER_ERR_NO_SOURCE',
          'the audit reads the engine log: run it where the log is',
        );
      const release = await holder.hold();
      try {
        const verdict = await auditLedger({ reader, genesis: options.genesis, store });
        if (verdict.ok) metrics.lastAuditedSeq.set(Number(verdict.lastSeq));
        else metrics.auditFailures.inc();
        return verdict;
      } finally {
        release();
      }
    },
    stop: () => (stopping ??= stop()),
    stopped,
  };
}

async function startTelemetry(
  options: LedgerServiceOptions,
  metrics: LedgerMetrics,
): Promise<TelemetryServer | undefined> {
  if (options.metricsPort === undefined) return undefined;
  return startTelemetryServer({
    service: 'ledger',
    registry: metrics.registry,
    health: () => metrics.health(),
    port: options.metricsPort,
    ...(options.metricsHost === undefined ? {} : { host: options.metricsHost }),
  });
}

interface Follower {
  readonly done: Promise<void>;
  stop(): void;
  close(): Promise<void>;
}

function startLocal(options: {
  reader: LogReader;
  projector: Projector;
  metrics: LedgerMetrics;
  holder: FollowerHold;
  pollIntervalMs: number | undefined;
}): Follower {
  const abort = new AbortController();
  const done = followLocalLog({
    reader: options.reader,
    projector: options.projector,
    signal: abort.signal,
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
    onCommitted: (lastSeq, entries) => options.metrics.applied(lastSeq, entries),
    onLogTip: (seq) => options.metrics.logTip(seq),
    beforeChunk: () => options.holder.passage(),
  });
  return { done, stop: () => abort.abort(), close: async () => undefined };
}

async function startRemote(options: {
  nc: NatsConnection;
  url: string;
  auth: NatsUserAuth | undefined;
  projector: Projector;
  metrics: LedgerMetrics;
}): Promise<Follower> {
  const { auth } = options;
  const client = await MarketClient.connect({
    servers: options.url,
    name: 'ledger-committed',
    ...(auth === undefined ? {} : { auth, inboxPrefix: userInboxPrefix(auth.user) }),
  });
  const stream = client.subscribeCommitted();
  const requester = new SharedInboxRequester(options.nc, {
    timeoutMs: RANGE_REQUEST_TIMEOUT_MS,
    ...(auth === undefined ? {} : { inboxPrefix: userInboxPrefix(auth.user) }),
  });
  let applied = options.projector.lastSeq;
  const done = followNatsStream({
    stream,
    requester,
    projector: options.projector,
    onCommitted: (lastSeq) => {
      options.metrics.applied(lastSeq, Number(lastSeq - applied));
      applied = lastSeq;
    },
    onLogTip: (seq) => options.metrics.logTip(seq),
    onGapRepaired: () => options.metrics.gapsRepaired.inc(),
  });
  return {
    done,
    stop: () => stream.unsubscribe(),
    close: async () => {
      requester.close();
      await client.close();
    },
  };
}

/** Lets the audit hold the follower still between chunks. */
class FollowerHold {
  private held: Promise<void> | undefined;

  async hold(): Promise<() => void> {
    while (this.held !== undefined) await this.held;
    let release = (): void => undefined;
    this.held = new Promise<void>((resolve) => {
      release = () => {
        this.held = undefined;
        resolve();
      };
    });
    return release;
  }

  async passage(): Promise<void> {
    while (this.held !== undefined) await this.held;
  }
}

/**
 * One feeder process: serves one or more validators from one set of price sources. Each block the
 * engine publishes, every validator's voter reveals and prevotes as the timing says; the period's
 * rates are decided once (sources asked, aggregated) and shared by all of them. Metrics and /health
 * on the telemetry server; every log line names its validator and period.
 */
import { MarketClient, type BlockHeader } from '@marketnode/market-client';
import { userInboxPrefix, type NatsUserAuth } from '@marketnode/nats-kit';
import {
  createServiceRegistry,
  startTelemetryServer,
  type HealthChecks,
  type Registry,
  type TelemetryServer,
} from '@marketnode/telemetry';
import type { Logger } from 'pino';
import { aggregateRates } from '../aggregation/aggregate-rates.js';
import type { AggregationConfig } from '../aggregation/aggregation-config.js';
import type { PriceSource } from '../sources/price-source.js';
import { OracleResultQueue } from '../voting/oracle-result-queue.js';
import { PendingVoteStore } from '../voting/pending-vote-store.js';
import { ValidatorVoter, type PeriodRates } from '../voting/validator-voter.js';
import { feederHealth } from './feeder-health.js';
import { FeederMetrics } from './feeder-metrics.js';
import { LatestHeader } from './latest-header.js';
import { logRound } from './round-log.js';
import { periodVotes } from './period-votes.js';
import { fetchSourceRounds } from './source-rounds.js';
import { readVotingParams, type VotingParams } from './voting-params.js';

export const SERVICE_NAME = 'oracle-feeder';
/** A message's result normally comes within one engine batch; this bounds a busy or absent engine. */
export const RESULT_TIMEOUT_MS_DEFAULT = 15_000;
/** /health fails when no block came for this long (ten default blocks). */
export const BLOCK_STALE_AFTER_MS_DEFAULT = 60_000;

export interface FeederOptions {
  readonly natsUrl: string;
  /** The feeder's NATS user where the server authenticates (deploy: `natsAuthFromEnv`). */
  readonly natsAuth?: NatsUserAuth;
  /** Operator addresses of the validators this process votes for. */
  readonly validators: readonly string[];
  readonly sources: readonly PriceSource[];
  readonly aggregation: AggregationConfig;
  /** Where the pending votes are kept. */
  readonly dataDir: string;
  readonly logger: Logger;
  /** Serve /metrics and /health on this port (0: any free one); absent: no telemetry server. */
  readonly metricsPort?: number;
  readonly metricsHost?: string;
  readonly resultTimeoutMs?: number;
  readonly blockStaleAfterMs?: number;
  /** Leave the process metrics out (a second feeder in one process, as the local node runs). */
  readonly processMetrics?: boolean;
}

export interface RunningFeeder {
  readonly registry: Registry;
  /** `http://host:port` of /metrics and /health, when served. */
  readonly telemetryUrl: string | undefined;
  /** The last block this feeder finished acting on. */
  readonly processedHeight: bigint | undefined;
  health(): HealthChecks;
  /** Resolves when every message sent so far has its outcome. */
  settled(): Promise<void>;
  /** Stops following blocks, waits for outstanding results (bounded), closes everything. */
  stop(): Promise<void>;
}

export async function startFeeder(options: FeederOptions): Promise<RunningFeeder> {
  const registry = createServiceRegistry({
    service: SERVICE_NAME,
    processMetrics: options.processMetrics ?? true,
  });
  const metrics = new FeederMetrics(registry);
  const auth = options.natsAuth;
  const client = await MarketClient.connect({
    servers: options.natsUrl,
    name: SERVICE_NAME,
    // Under the deploy config a user may read replies only under its own inbox prefix.
    ...(auth === undefined ? {} : { auth, inboxPrefix: userInboxPrefix(auth.user) }),
  });
  try {
    const params = await readVotingParams(client);
    return await new Feeder(options, { client, registry, metrics, params }).start();
  } catch (error) {
    await client.close();
    throw error;
  }
}

class Feeder implements RunningFeeder {
  readonly registry: Registry;
  processedHeight: bigint | undefined;
  private telemetry: TelemetryServer | undefined;
  private readonly client: MarketClient;
  private readonly metrics: FeederMetrics;
  private params: VotingParams;
  private readonly voters: ValidatorVoter[];
  private readonly queues: OracleResultQueue[];
  private readonly headers: LatestHeader;
  private lastBlockSeenAtMs: number | undefined;
  private periodRates: { period: bigint; rates: Promise<PeriodRates> } | undefined;
  private working: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: FeederOptions,
    parts: { client: MarketClient; registry: Registry; metrics: FeederMetrics; params: VotingParams },
  ) {
    ({ client: this.client, registry: this.registry, metrics: this.metrics, params: this.params } = parts);
    const store = new PendingVoteStore(options.dataDir);
    this.queues = [];
    this.voters = options.validators.map((validator) => {
      const logger = options.logger.child({ validator });
      const results = new OracleResultQueue(this.client.subscribeOracleResults(validator), {
        timeoutMs: options.resultTimeoutMs ?? RESULT_TIMEOUT_MS_DEFAULT,
        onUnmatched: (result) =>
          logger.warn({ ok: result.ok }, 'an oracle result no message of ours waited for'),
      });
      this.queues.push(results);
      const events = this.metrics.voterEvents(validator);
      return new ValidatorVoter({ validator, client: this.client, store, results, logger, events });
    });
    this.headers = new LatestHeader(
      this.client.subscribeBlockHeaders({
        onMalformed: (error) => options.logger.warn({ err: error }, 'malformed block header ignored'),
      }),
      (header) => {
        this.lastBlockSeenAtMs = Date.now();
        this.metrics.blockHeight.set(Number(header.height));
      },
    );
  }

  get telemetryUrl(): string | undefined {
    return this.telemetry?.url;
  }

  async start(): Promise<this> {
    // The subscriptions reach the server before anything is sent, so no result slips past them.
    await this.client.connection.flush();
    if (this.options.metricsPort !== undefined)
      this.telemetry = await startTelemetryServer({
        service: SERVICE_NAME,
        registry: this.registry,
        health: () => this.health(),
        port: this.options.metricsPort,
        ...(this.options.metricsHost === undefined ? {} : { host: this.options.metricsHost }),
      });
    this.working = this.followBlocks();
    this.options.logger.info(
      {
        validators: this.options.validators,
        votePeriod: this.params.votePeriod,
        telemetry: this.telemetryUrl,
      },
      'feeder running',
    );
    return this;
  }

  health(): HealthChecks {
    return feederHealth({
      connected: !this.client.connection.isClosed(),
      natsUrl: this.options.natsUrl,
      lastBlockSeenAtMs: this.lastBlockSeenAtMs,
      blockStaleAfterMs: this.options.blockStaleAfterMs ?? BLOCK_STALE_AFTER_MS_DEFAULT,
      voters: this.voters,
    });
  }

  async settled(): Promise<void> {
    await Promise.all(this.voters.map((voter) => voter.settled()));
  }

  async stop(): Promise<void> {
    // No new block is acted on; what was sent still gets its result (each wait is bounded), so a
    // pending vote is kept or dropped by the engine's answer, not by the stop.
    await this.headers.stop();
    await this.working;
    await this.settled();
    await Promise.all(this.queues.map((queue) => queue.close()));
    await this.client.close();
    await Promise.all(this.options.sources.map((source) => source.close()));
    await this.telemetry?.close();
  }

  private async followBlocks(): Promise<void> {
    for (let header = await this.headers.next(); header !== undefined; header = await this.headers.next()) {
      try {
        await this.afterBlock(header);
      } catch (error) {
        // A publish that timed out, a disk that refused the pending vote: the next block tries again.
        this.options.logger.error({ err: error, height: header.height }, 'could not act on the block');
      }
      this.processedHeight = header.height;
    }
  }

  private async afterBlock(header: BlockHeader): Promise<void> {
    const block = {
      endedHeight: header.height,
      votePeriod: this.params.votePeriod,
      saltLengthMax: this.params.saltLengthMax,
    };
    const ratesFor = (period: bigint) => this.ratesFor(period, header);
    const outcomes = await Promise.allSettled(this.voters.map((voter) => voter.afterBlock(block, ratesFor)));
    outcomes.forEach((outcome, index) => {
      if (outcome.status === 'rejected')
        this.options.logger.error(
          { err: outcome.reason, validator: this.voters[index]?.validator, height: header.height },
          'could not vote on this block',
        );
    });
  }

  /** The period's rates, decided once for every validator of the process. */
  private ratesFor(period: bigint, header: BlockHeader): Promise<PeriodRates> {
    if (this.periodRates?.period !== period) {
      const rates = this.decideRates(period, header);
      this.periodRates = { period, rates };
      // A failed round is not kept: the next block asks again.
      rates.catch(() => {
        if (this.periodRates?.rates === rates) this.periodRates = undefined;
      });
    }
    return this.periodRates.rates;
  }

  private async decideRates(period: bigint, header: BlockHeader): Promise<PeriodRates> {
    // Params are read again each period, so a whitelist change reaches the next prevote.
    this.params = await readVotingParams(this.client);
    const clock = { height: header.height, blockTimeMs: Number(header.timeMs) };
    const rounds = await fetchSourceRounds(this.options.sources, clock);
    const result = aggregateRates({ rounds, nowMs: Date.now(), config: this.options.aggregation });
    this.metrics.recordRound(result);
    const rates = periodVotes({ period, whitelist: this.params.whitelist, result });
    logRound(this.options.logger.child({ period, validators: this.options.validators }), result, rates);
    return rates;
  }
}

/**
 * Serves the engine's metrics and `/health` on `http://host:port` with `@marketnode/telemetry`:
 * the health checks read the NATS connection, the log writer and the last batch's time.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import { startTelemetryServer, type TelemetryServer } from '@marketnode/telemetry';
import { engineHealthChecks } from './engine-health.js';
import { ENGINE_SERVICE_NAME, type EngineMetrics } from './engine-metrics.js';
import { NatsConnectionWatch } from './nats-connection-watch.js';

export interface EngineTelemetryOptions {
  readonly metrics: EngineMetrics;
  readonly nc: NatsConnection;
  writerFailure(): unknown;
  readonly blockTimeMs: number;
  readonly externalTicks: boolean;
  /** 0 picks a free port. */
  readonly port: number;
  /** Default loopback; `0.0.0.0` in a container so Prometheus can reach it. */
  readonly host?: string;
}

export function serveEngineTelemetry(options: EngineTelemetryOptions): Promise<TelemetryServer> {
  const { metrics } = options;
  const sources = {
    nats: new NatsConnectionWatch(options.nc),
    writerFailure: () => options.writerFailure(),
    lastBatchAtMs: () => metrics.lastBatchAtMs,
    blockTimeMs: options.blockTimeMs,
    externalTicks: options.externalTicks,
  };
  return startTelemetryServer({
    service: ENGINE_SERVICE_NAME,
    registry: metrics.registry,
    health: () => engineHealthChecks(sources, Date.now()),
    port: options.port,
    ...(options.host === undefined ? {} : { host: options.host }),
  });
}

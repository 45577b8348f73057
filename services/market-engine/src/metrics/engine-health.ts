/**
 * The engine's `/health` checks: NATS connected, the log writer healthy (no append has failed), and
 * a batch committed recently. The block clock makes at least one batch per block, so a quiet loop
 * means it is stuck (a hung disk, a blocked event loop); with external ticks nothing is due, so
 * that check only reports.
 */
import type { HealthChecks } from '@marketnode/telemetry';
import type { NatsConnectionWatch } from './nats-connection-watch.js';

/** The loop is stuck when no batch was committed for this many block times. */
export const BATCH_QUIET_BLOCKS_MAX = 5;

export interface EngineHealthSources {
  readonly nats: NatsConnectionWatch;
  /** The error that stopped the writer, if one did. */
  writerFailure(): unknown;
  /** `Date.now()` of the last committed batch. */
  lastBatchAtMs(): number;
  readonly blockTimeMs: number;
  readonly externalTicks: boolean;
}

export function engineHealthChecks(sources: EngineHealthSources, nowMs: number): HealthChecks {
  const failure = sources.writerFailure();
  const quietMs = nowMs - sources.lastBatchAtMs();
  const quietMaxMs = BATCH_QUIET_BLOCKS_MAX * sources.blockTimeMs;
  const batches = sources.externalTicks
    ? { ok: true, detail: `blocks end on external ticks; last batch ${quietMs} ms ago` }
    : {
        ok: quietMs <= quietMaxMs,
        detail: `last batch committed ${quietMs} ms ago (stuck beyond ${quietMaxMs} ms)`,
      };
  return {
    nats: sources.nats.status,
    log: {
      ok: failure === undefined,
      detail:
        failure === undefined
          ? 'the log writer appends'
          : `an append failed, the engine stops: ${String(failure)}; restart it to recover from the log`,
    },
    batches,
  };
}

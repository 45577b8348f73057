/**
 * The engine's Prometheus metrics (`marketnode_engine_*`, base units, `_total` counters). Per swap
 * the engine only bumps nested map counters (SwapTally; prom-client's label hashing runs at scrape
 * time) and observes a label-less latency histogram; an executed swap also observes its spread, by
 * venue (one short label key). What happens per batch goes straight to prom-client; what the
 * state holds is read at scrape time (state-gauges.ts). Labels are bounded: denoms the engine accepts, rejection codes of the error
 * catalog, oracle actions, sides; never accounts or request ids.
 */
import type { Event, OracleCommand, Swap } from '@marketnode/events';
import type { AppendedEntry } from '@marketnode/log-store';
import {
  BATCH_SIZE_BUCKETS,
  Counter,
  createServiceRegistry,
  Gauge,
  Histogram,
  LATENCY_BUCKETS_SECONDS,
  type Registry,
} from '@marketnode/telemetry';
import type { BatchObserver } from '../engine/apply-batch.js';
import type { LoopObserver } from '../engine/engine-loop.js';
import type { SwapOutcomeEvent } from '../engine/outcome-index.js';
import { registerStateGauges, type StateView } from './state-gauges.js';
import { SWAP_OUTCOME_EXECUTED, SwapTally } from './swap-tally.js';

export const ENGINE_SERVICE_NAME = 'market-engine';
export const ORACLE_OUTCOME_ACCEPTED = 'accepted';
/** A spread is a fraction of the ask: the market's floor is 0.5 %, the reserve's exit side 2 %. */
const SPREAD_BUCKETS_RATIO = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1];

const ORACLE_ACTIONS: Readonly<Record<OracleCommand['type'], string>> = {
  DelegateFeedConsent: 'delegate',
  SubmitPrevote: 'prevote',
  SubmitVote: 'vote',
};

export interface EngineMetricsOptions extends StateView {
  inboxSize(): number;
  readonly inboxCapacity: number;
}

export class EngineMetrics implements BatchObserver, LoopObserver {
  readonly registry: Registry = createServiceRegistry({ service: ENGINE_SERVICE_NAME });
  private readonly swapTally = new SwapTally();
  private readonly swaps: ReturnType<typeof defineSwapMetrics>;
  private readonly batches: ReturnType<typeof defineBatchMetrics>;
  private readonly oracle: ReturnType<typeof defineOracleMetrics>;
  /** `Date.now()` when the last batch was committed (or the metrics were created), for `/health`. */
  lastBatchAtMs = Date.now();

  constructor(options: EngineMetricsOptions) {
    const registers = [this.registry];
    this.swaps = defineSwapMetrics(registers, this.swapTally);
    this.batches = defineBatchMetrics(registers, options);
    this.oracle = defineOracleMetrics(registers);
    registerStateGauges(this.registry, options);
  }

  swapApplied(command: Swap, outcome: SwapOutcomeEvent): void {
    if (outcome.type === 'SwapRejected') {
      this.swapTally.count(command.offer.denom, command.askDenom, outcome.code);
      return;
    }
    this.swapTally.count(command.offer.denom, command.askDenom, SWAP_OUTCOME_EXECUTED);
    // A spread is a Dec below 1 (10^18 scale): a float division is exact enough for a histogram.
    this.swaps.spread.observe({ venue: outcome.venue }, Number(outcome.spread) / 1e18);
  }

  swapAnswered(receivedMs: number): void {
    this.swaps.latency.observe((performance.now() - receivedMs) / 1000);
  }

  refused(code: string): void {
    this.swaps.refusals.inc({ code });
  }

  oracleApplied(command: OracleCommand, events: readonly Event[]): void {
    const first = events[0];
    const outcome = first?.type === 'OracleMessageRejected' ? first.code : ORACLE_OUTCOME_ACCEPTED;
    this.oracle.messages.inc({ action: ORACLE_ACTIONS[command.type], outcome });
  }

  blockEnded(events: readonly Event[]): void {
    for (const event of events) {
      if (event.type !== 'ExchangeRatesTallied') continue;
      this.oracle.tallies.inc();
      this.oracle.votesMissed.inc(event.missCountersIncremented.length);
    }
  }

  batchApplied(commands: number): void {
    if (commands > 0) this.batches.commands.observe(commands);
  }

  batchCommitted(appended: readonly AppendedEntry[], commitSeconds: number): void {
    this.lastBatchAtMs = Date.now();
    if (appended.length === 0) return;
    this.batches.commitLatency.observe(commitSeconds);
    let bytes = 0;
    for (const entry of appended) bytes += entry.bytes.length;
    this.batches.logEntries.inc(appended.length);
    this.batches.logBytes.inc(bytes);
  }
}

function defineSwapMetrics(registers: Registry[], tally: SwapTally) {
  new Counter({
    name: 'marketnode_engine_swaps_total',
    help: 'Swaps applied, by offer denom, ask denom and outcome (executed, or the rejection code).',
    labelNames: ['offer_denom', 'ask_denom', 'outcome'],
    registers,
    collect() {
      this.reset();
      tally.forEach((offer_denom, ask_denom, outcome, count) =>
        this.inc({ offer_denom, ask_denom, outcome }, count),
      );
    },
  });
  return {
    latency: new Histogram({
      name: 'marketnode_engine_swap_latency_seconds',
      help: 'From a swap request arriving at the engine to its reply being sent (after its batch is durable).',
      buckets: [...LATENCY_BUCKETS_SECONDS],
      registers,
    }),
    spread: new Histogram({
      name: 'marketnode_engine_swap_spread_ratio',
      help: 'Spread of executed swaps (fraction of the ask at the oracle rate), by venue.',
      labelNames: ['venue'],
      buckets: SPREAD_BUCKETS_RATIO,
      registers,
    }),
    refusals: new Counter({
      name: 'marketnode_engine_requests_refused_total',
      help: 'Messages refused at the edge before the log (malformed, too large, unknown denom, busy), by code.',
      labelNames: ['code'],
      registers,
    }),
  };
}

function defineBatchMetrics(registers: Registry[], options: EngineMetricsOptions) {
  new Gauge({
    name: 'marketnode_engine_inbox_commands',
    help: 'Items waiting in the engine inbox.',
    registers,
    collect() {
      this.set(options.inboxSize());
    },
  });
  new Gauge({
    name: 'marketnode_engine_inbox_capacity_commands',
    help: 'The inbox bound: beyond it the engine answers ENGINE_ERR_BUSY.',
    registers,
  }).set(options.inboxCapacity);
  return {
    commands: new Histogram({
      name: 'marketnode_engine_batch_commands',
      help: 'Items (commands and reads) drained into each batch.',
      buckets: [...BATCH_SIZE_BUCKETS],
      registers,
    }),
    commitLatency: new Histogram({
      name: 'marketnode_engine_commit_latency_seconds',
      help: 'From a batch append starting to its entries being durable in the log.',
      buckets: [...LATENCY_BUCKETS_SECONDS],
      registers,
    }),
    logEntries: new Counter({
      name: 'marketnode_engine_log_entries_total',
      help: 'Entries appended to the log since the engine started.',
      registers,
    }),
    logBytes: new Counter({
      name: 'marketnode_engine_log_bytes_total',
      help: 'Bytes of entries (envelopes as stored) appended to the log since the engine started.',
      registers,
    }),
  };
}

function defineOracleMetrics(registers: Registry[]) {
  return {
    messages: new Counter({
      name: 'marketnode_engine_oracle_messages_total',
      help: 'Oracle messages applied, by action (delegate, prevote, vote) and outcome (accepted, or the code).',
      labelNames: ['action', 'outcome'],
      registers,
    }),
    tallies: new Counter({
      name: 'marketnode_engine_oracle_tallies_total',
      help: 'Vote periods tallied (the last block of each vote period).',
      registers,
    }),
    votesMissed: new Counter({
      name: 'marketnode_engine_oracle_votes_missed_total',
      help: 'Miss counter increments: a validator that did not vote validly in a tallied period.',
      registers,
    }),
  };
}

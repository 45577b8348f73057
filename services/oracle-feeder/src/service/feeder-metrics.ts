/**
 * The feeder's Prometheus metrics (`marketnode_feeder_*`, base units, `_total` counters), on the
 * service's own registry. Sources and quotes are labelled by `source` and `pair` (`LUNA/USDT`),
 * votes by `validator`, decided rates by `denom`.
 */
import { Counter, Gauge, Histogram, LATENCY_BUCKETS_SECONDS, type Registry } from '@marketnode/telemetry';
import { pairKey } from '../aggregation/aggregation-config.js';
import type { AggregationResult } from '../aggregation/aggregation-result.js';
import type { MessageOutcome, OracleMessageKind } from '../voting/oracle-result-queue.js';
import type { VoterEvents } from '../voting/validator-voter.js';

export class FeederMetrics {
  readonly sourceUp: Gauge<'source'>;
  readonly sourcePrice: Gauge<'source' | 'pair'>;
  readonly sourceFailures: Counter<'source' | 'code'>;
  readonly quotesGated: Counter<'source' | 'pair'>;
  readonly quotesStale: Counter<'source' | 'pair'>;
  readonly rate: Gauge<'denom'>;
  readonly abstains: Counter<'validator' | 'denom'>;
  readonly prevotesSent: Counter<'validator'>;
  readonly votesSent: Counter<'validator'>;
  readonly prevotesFailed: Counter<'validator' | 'reason'>;
  readonly revealsFailed: Counter<'validator' | 'reason'>;
  readonly periodsMissed: Counter<'validator'>;
  readonly voteLatency: Histogram<'validator' | 'message'>;
  readonly blockHeight: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
    this.sourceUp = new Gauge({
      name: 'marketnode_feeder_source_up',
      help: '1 when the source answered in the last round, 0 when it failed or timed out',
      labelNames: ['source'],
      registers,
    });
    this.sourcePrice = new Gauge({
      name: 'marketnode_feeder_source_price',
      help: 'The last price the source quoted for the pair (quote units per base unit)',
      labelNames: ['source', 'pair'],
      registers,
    });
    this.sourceFailures = new Counter({
      name: 'marketnode_feeder_source_failures_total',
      help: 'Rounds in which the source failed, by error code',
      labelNames: ['source', 'code'],
      registers,
    });
    this.quotesGated = new Counter({
      name: 'marketnode_feeder_quotes_gated_total',
      help: "Quotes dropped by the outlier gate (too far from the pair's median)",
      labelNames: ['source', 'pair'],
      registers,
    });
    this.quotesStale = new Counter({
      name: 'marketnode_feeder_quotes_stale_total',
      help: "Quotes dropped as older than the source's maximum age (or stamped in the future)",
      labelNames: ['source', 'pair'],
      registers,
    });
    this.rate = new Gauge({
      name: 'marketnode_feeder_rate',
      help: 'The rate decided for the denom in the last round (denom per LUNA); 0 when abstaining',
      labelNames: ['denom'],
      registers,
    });
    this.abstains = new Counter({
      name: 'marketnode_feeder_abstains_total',
      help: 'Prevotes that abstained (voted 0) on the denom',
      labelNames: ['validator', 'denom'],
      registers,
    });
    this.prevotesSent = counter(registers, 'prevotes_sent_total', 'Prevotes published');
    this.votesSent = counter(registers, 'votes_sent_total', 'Votes (reveals) published');
    this.prevotesFailed = new Counter({
      name: 'marketnode_feeder_prevotes_failed_total',
      help: 'Prevotes the engine rejected or did not confirm in time',
      labelNames: ['validator', 'reason'],
      registers,
    });
    this.revealsFailed = new Counter({
      name: 'marketnode_feeder_reveals_failed_total',
      help: 'Votes (reveals) the engine rejected or did not confirm in time',
      labelNames: ['validator', 'reason'],
      registers,
    });
    this.periodsMissed = counter(
      registers,
      'periods_missed_total',
      'Vote periods that ended without an accepted vote of the validator',
    );
    this.voteLatency = new Histogram({
      name: 'marketnode_feeder_vote_latency_seconds',
      help: "From publishing a prevote or vote to the engine's durable result for it",
      labelNames: ['validator', 'message'],
      buckets: [...LATENCY_BUCKETS_SECONDS],
      registers,
    });
    this.blockHeight = new Gauge({
      name: 'marketnode_feeder_block_height',
      help: 'Height of the last block header seen from the engine',
      registers,
    });
  }

  /** The per-source and per-pair outcome of one aggregation round. */
  recordRound(result: AggregationResult): void {
    for (const source of result.sources) {
      this.sourceUp.set({ source: source.source }, source.kind === 'answered' ? 1 : 0);
      if (source.kind === 'failed') this.sourceFailures.inc({ source: source.source, code: source.code });
    }
    for (const quote of result.quotes) {
      const labels = { source: quote.source, pair: pairKey(quote.pair) };
      this.sourcePrice.set(labels, quote.price.toNumber());
      if (quote.verdict.kind === 'gated') this.quotesGated.inc(labels);
      if (quote.verdict.kind === 'stale' || quote.verdict.kind === 'future') this.quotesStale.inc(labels);
    }
    for (const denom of result.denoms)
      this.rate.set({ denom: denom.denom }, denom.kind === 'rate' ? denom.rate.toNumber() : 0);
  }

  /** The voting events of one validator. */
  voterEvents(validator: string): VoterEvents {
    return {
      sent: (kind) => (kind === 'vote' ? this.votesSent : this.prevotesSent).inc({ validator }),
      outcome: (kind, outcome, latencySeconds) =>
        this.recordOutcome(validator, kind, outcome, latencySeconds),
      periodsMissed: (count) => this.periodsMissed.inc({ validator }, count),
      abstained: (denoms) => {
        for (const denom of denoms) this.abstains.inc({ validator, denom });
      },
    };
  }

  private recordOutcome(
    validator: string,
    kind: OracleMessageKind,
    outcome: Exclude<MessageOutcome, { kind: 'abandoned' }>,
    latencySeconds: number,
  ): void {
    if (outcome.kind === 'accepted') {
      this.voteLatency.observe({ validator, message: kind }, latencySeconds);
      return;
    }
    const reason = outcome.kind === 'rejected' ? outcome.code : 'timeout';
    (kind === 'vote' ? this.revealsFailed : this.prevotesFailed).inc({ validator, reason });
  }
}

function counter(registers: Registry[], suffix: string, help: string): Counter<'validator'> {
  return new Counter({ name: `marketnode_feeder_${suffix}`, help, labelNames: ['validator'], registers });
}

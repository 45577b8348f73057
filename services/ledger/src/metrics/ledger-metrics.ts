/**
 * The ledger's metrics (`marketnode_ledger_*`) on its own registry, and its /health checks.
 *
 * Lag in seconds: 0 while the ledger has applied every entry it knows of; otherwise the time since it
 * last had (it grows while the ledger falls behind, and drops to 0 once it catches up).
 */
import {
  Counter,
  createServiceRegistry,
  Gauge,
  type HealthChecks,
  type Registry,
} from '@marketnode/telemetry';

export class LedgerMetrics {
  readonly registry: Registry;
  readonly entriesApplied: Counter;
  readonly auditFailures: Counter;
  readonly gapsRepaired: Counter;
  readonly lastAuditedSeq: Gauge;
  private appliedSeq = 0n;
  private logTipSeq = 0n;
  private caughtUpAtMs = Date.now();
  private failure: string | undefined;

  constructor(options: { readonly processMetrics?: boolean } = {}) {
    this.registry = createServiceRegistry({
      service: 'ledger',
      processMetrics: options.processMetrics ?? true,
    });
    const registers = [this.registry];
    this.entriesApplied = new Counter({
      name: 'marketnode_ledger_entries_applied_total',
      help: 'Log entries applied to the projections',
      registers,
    });
    this.auditFailures = new Counter({
      name: 'marketnode_ledger_audit_failures_total',
      help: 'Audits that found a broken invariant, chain or projection',
      registers,
    });
    this.gapsRepaired = new Counter({
      name: 'marketnode_ledger_gaps_repaired_total',
      help: 'Gaps in the committed-entries stream repaired with log.range',
      registers,
    });
    this.lastAuditedSeq = new Gauge({
      name: 'marketnode_ledger_last_audited_seq',
      help: 'The last seq a passing audit covered',
      registers,
    });
    // Read at scrape time, so the lag is as of the scrape.
    const lagEntries = (): bigint => this.lagEntries();
    const caughtUpAtMs = (): number => this.caughtUpAtMs;
    new Gauge({
      name: 'marketnode_ledger_lag_entries',
      help: "Entries in the engine's log not yet applied by the ledger",
      registers,
      collect() {
        this.set(Number(lagEntries()));
      },
    });
    new Gauge({
      name: 'marketnode_ledger_lag_seconds',
      help: 'Seconds since the ledger last had applied every entry it knew of (0 when caught up)',
      registers,
      collect() {
        this.set(lagEntries() === 0n ? 0 : (Date.now() - caughtUpAtMs()) / 1000);
      },
    });
  }

  applied(lastSeq: bigint, entries: number): void {
    this.entriesApplied.inc(entries);
    this.appliedSeq = lastSeq;
    this.logTip(lastSeq);
  }

  logTip(seq: bigint): void {
    if (seq > this.logTipSeq) this.logTipSeq = seq;
    if (this.lagEntries() === 0n) this.caughtUpAtMs = Date.now();
  }

  lagEntries(): bigint {
    return this.logTipSeq > this.appliedSeq ? this.logTipSeq - this.appliedSeq : 0n;
  }

  /** The follower stopped on an error: /health fails with it. */
  failed(message: string): void {
    this.failure = message;
  }

  health(): HealthChecks {
    return {
      following:
        this.failure === undefined
          ? { ok: true, detail: `applied up to seq ${this.appliedSeq}, ${this.lagEntries()} entries behind` }
          : { ok: false, detail: this.failure },
    };
  }
}

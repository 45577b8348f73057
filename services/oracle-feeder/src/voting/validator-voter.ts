/**
 * The commit-reveal of one validator, block by block: reveal the previous period's prevote, then
 * prevote the new period's rates, each message confirmed on the validator's result subject.
 *
 * Failures cost at most the period they happen in: a failed or lost reveal is counted and the
 * voter still prevotes for the next period; a failed prevote is forgotten so the next block
 * prevotes again; a pending vote that can no longer be revealed is discarded with a log line.
 * The pending vote is on disk before its prevote is published (`PendingVoteStore`).
 */
import { aggregateVoteHash } from '@marketnode/oracle';
import type { MarketClient } from '@marketnode/market-client';
import type { Logger } from 'pino';
import type { DenomVote } from './exchange-rates-text.js';
import type { MessageOutcome, OracleMessageKind, OracleResultQueue } from './oracle-result-queue.js';
import type { PendingVote, PendingVoteStore } from './pending-vote-store.js';
import { newVoteSalt } from './vote-salt.js';
import { isStalePending, periodOf, planVoterStep } from './vote-timing.js';

/** What every validator of the process votes in one period. */
export interface PeriodRates {
  readonly period: bigint;
  readonly votes: ReadonlyMap<string, DenomVote>;
  readonly exchangeRatesText: string;
}

/** The block just ended, and the params that time the votes. */
export interface BlockContext {
  readonly endedHeight: bigint;
  readonly votePeriod: bigint;
  readonly saltLengthMax: number;
}

/** What the voter reports; the service turns it into metrics. */
export interface VoterEvents {
  sent(kind: OracleMessageKind): void;
  outcome(
    kind: OracleMessageKind,
    outcome: Exclude<MessageOutcome, { kind: 'abandoned' }>,
    latencySeconds: number,
  ): void;
  periodsMissed(count: number): void;
  abstained(denoms: readonly string[]): void;
}

export interface ValidatorVoterOptions {
  readonly validator: string;
  readonly client: MarketClient;
  readonly store: PendingVoteStore;
  readonly results: OracleResultQueue;
  readonly logger: Logger;
  readonly events: VoterEvents;
}

export class ValidatorVoter {
  /** The last message outcome, for /health. */
  lastOutcome:
    | { readonly kind: OracleMessageKind; readonly outcome: Exclude<MessageOutcome, { kind: 'abandoned' }> }
    | undefined;
  private pending: PendingVote | undefined;
  private loaded = false;
  /** The period after our first prevote: the first one in which a vote of ours could count. */
  private firstRevealablePeriod: bigint | undefined;
  /** Periods up to this one are counted in the missed periods. */
  private checkedPeriod: bigint | undefined;
  private readonly acceptedVotePeriods = new Set<bigint>();
  private readonly confirmations = new Set<Promise<void>>();

  constructor(private readonly options: ValidatorVoterOptions) {}

  get validator(): string {
    return this.options.validator;
  }

  /** Resolves when every message sent so far has its outcome (or timed out). */
  async settled(): Promise<void> {
    while (this.confirmations.size > 0) await Promise.all([...this.confirmations]);
  }

  async afterBlock(block: BlockContext, ratesFor: (period: bigint) => Promise<PeriodRates>): Promise<void> {
    const firstBlock = !this.loaded;
    if (firstBlock) await this.loadPending();
    await this.discardStale(block, { foundAtStart: firstBlock });
    const step = planVoterStep({
      endedHeight: block.endedHeight,
      votePeriod: block.votePeriod,
      prevotedPeriod: this.pending?.period,
    });
    this.countMissedPeriods(step.period);
    const revealing = step.reveal ? this.pending : undefined;
    if (revealing !== undefined) await this.reveal(revealing);
    if (step.prevote) await this.prevote(block, await ratesFor(step.period));
  }

  private async loadPending(): Promise<void> {
    const { store, validator, logger } = this.options;
    const load = await store.load(validator);
    this.loaded = true;
    if (load.kind === 'found') {
      this.pending = load.pending;
      this.firstRevealablePeriod = load.pending.period + 1n;
      logger.info(
        { period: load.pending.period },
        'pending vote found: it will be revealed in its reveal period',
      );
    } else if (load.kind === 'unreadable') {
      logger.warn(
        { file: store.fileOf(validator), detail: load.detail },
        'pending vote unreadable: discarded',
      );
      await store.clear(validator);
    }
  }

  private async discardStale(
    block: BlockContext,
    options: { readonly foundAtStart: boolean },
  ): Promise<void> {
    const pending = this.pending;
    if (pending === undefined) return;
    if (!isStalePending({ pendingPeriod: pending.period, ...block })) return;
    this.options.logger.warn(
      { period: pending.period, height: block.endedHeight },
      'pending vote is stale (its reveal period passed): discarded',
    );
    this.pending = undefined;
    // Found on disk at start, its reveal period is not one this process ran through: nothing to
    // count as missed for it. A running process that lost its reveal (no blocks for a while) did miss.
    if (options.foundAtStart) this.firstRevealablePeriod = undefined;
    await this.options.store.clear(this.options.validator);
  }

  /**
   * Periods missed: every finished period from the first one we could have revealed in (the one
   * after our first prevote) in which no vote of ours was accepted.
   */
  private countMissedPeriods(period: bigint): void {
    const first = this.firstRevealablePeriod;
    if (first === undefined) return;
    const from =
      this.checkedPeriod === undefined || this.checkedPeriod < first ? first : this.checkedPeriod + 1n;
    if (from >= period) return;
    let accepted = 0n;
    for (const voted of this.acceptedVotePeriods) if (voted >= from && voted < period) accepted++;
    const missed = period - from - accepted;
    this.checkedPeriod = period - 1n;
    for (const voted of this.acceptedVotePeriods)
      if (voted <= this.checkedPeriod) this.acceptedVotePeriods.delete(voted);
    if (missed > 0n) {
      this.options.logger.warn({ period: period - 1n, missed: Number(missed) }, 'vote periods missed');
      this.options.events.periodsMissed(Number(missed));
    }
  }

  private async reveal(pending: PendingVote): Promise<void> {
    const { validator, client } = this.options;
    await this.send('vote', pending.period + 1n, () =>
      client.vote({ validator, salt: pending.salt, exchangeRates: pending.exchangeRatesText }),
    );
    this.pending = undefined;
  }

  private async prevote(block: BlockContext, rates: PeriodRates): Promise<void> {
    const { validator, client, store, events } = this.options;
    const salt = newVoteSalt(block.saltLengthMax);
    const pending: PendingVote = {
      validator,
      period: rates.period,
      salt,
      exchangeRatesText: rates.exchangeRatesText,
    };
    await store.save(pending);
    this.pending = pending;
    this.firstRevealablePeriod ??= rates.period + 1n;
    const abstains = [...rates.votes].filter(([, vote]) => 'abstain' in vote).map(([denom]) => denom);
    if (abstains.length > 0) events.abstained(abstains);
    const hash = aggregateVoteHash({ salt, exchangeRatesText: rates.exchangeRatesText, voter: validator });
    await this.send(
      'prevote',
      rates.period,
      () => client.prevote({ validator, hash }),
      (outcome) => this.afterPrevote(pending, outcome, block.votePeriod),
    );
  }

  /** Follows the engine's word on where the prevote landed; forgets a refused one. */
  private async afterPrevote(
    pending: PendingVote,
    outcome: MessageOutcome,
    votePeriod: bigint,
  ): Promise<void> {
    // Stopping: keep the pending vote on disk for the next start to reveal.
    if (this.pending !== pending || outcome.kind === 'abandoned') return;
    if (outcome.kind === 'accepted') {
      const submitBlock = outcome.event['submitBlock'];
      if (typeof submitBlock !== 'bigint') return;
      const landed = periodOf(submitBlock, votePeriod);
      if (landed === pending.period) return;
      this.options.logger.warn(
        { period: landed, planned: pending.period },
        'prevote landed in a later period',
      );
      this.pending = { ...pending, period: landed };
      await this.options.store.save(this.pending);
      return;
    }
    this.pending = undefined;
    await this.options.store.clear(this.options.validator);
  }

  private async send(
    kind: OracleMessageKind,
    period: bigint,
    publish: () => Promise<void>,
    after?: (outcome: MessageOutcome) => Promise<void>,
  ): Promise<void> {
    const { results, events, logger } = this.options;
    const outcome = results.expect(kind);
    const startedAt = process.hrtime.bigint();
    await publish();
    events.sent(kind);
    logger.debug({ period }, `${kind} sent`);
    const confirmation = outcome.then(async (result) => {
      const latencySeconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      if (result.kind !== 'abandoned') this.recordOutcome(kind, period, result, latencySeconds);
      await after?.(result);
    });
    const tracked = confirmation.catch((error: unknown) =>
      logger.error({ err: error, period }, `${kind}: could not record its outcome`),
    );
    this.confirmations.add(tracked);
    void tracked.finally(() => this.confirmations.delete(tracked));
  }

  private recordOutcome(
    kind: OracleMessageKind,
    period: bigint,
    outcome: Exclude<MessageOutcome, { kind: 'abandoned' }>,
    latencySeconds: number,
  ): void {
    this.lastOutcome = { kind, outcome };
    this.options.events.outcome(kind, outcome, latencySeconds);
    if (outcome.kind === 'accepted') {
      if (kind === 'vote') this.acceptedVotePeriods.add(period);
      this.options.logger.debug({ period, latencySeconds }, `${kind} accepted`);
    } else if (outcome.kind === 'rejected')
      this.options.logger.warn({ period, code: outcome.code }, `${kind} rejected: ${outcome.message}`);
    else this.options.logger.warn({ period, timeoutMs: outcome.timeoutMs }, `${kind}: no result in time`);
  }
}

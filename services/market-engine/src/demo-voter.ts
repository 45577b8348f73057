/**
 * The demo voter of `npm start`: for each validator of the demo genesis it runs the oracle's
 * commit-reveal with FIXED prices (the genesis's exchange rates), so every vote period's tally sets
 * rates again and swaps keep working. Issue 4 replaces it with real price feeders, one per
 * validator, each with its own keys and prices from exchanges.
 *
 * Timing comes from `blocks.header` (published after block H is durable; what is sent next lands
 * in block H+1). Each vote period the voter reveals the previous period's prevote and then
 * prevotes again, in the period's first block, the vote BEFORE the new prevote: the reference
 * accepts a reveal only in the period right after its prevote, and a new prevote replaces the old
 * one. On start it prevotes in the first block it sees, unless that block ends a period (the
 * prevote could then land in the next period and miss its reveal window).
 */
import { randomBytes } from 'node:crypto';
import * as dec from '@marketnode/dec';
import type { BlockHeader, MarketClient, MessageStream, OracleResult } from '@marketnode/market-client';
import { aggregateVoteHash, isPeriodLastBlock } from '@marketnode/oracle';
import type { Logger } from 'pino';

/** Salt bytes (as 4 hex characters): the reference accepts 1 to 4 bytes of salt. */
const SALT_BYTES = 2;

export interface VoterStep {
  /** Reveal the prevote made in the previous period. */
  readonly reveal: boolean;
  /** Prevote for the period the next block is in. */
  readonly prevote: boolean;
  /** The vote period of the next block. */
  readonly period: bigint;
}

/**
 * What to send after block `endedHeight`, given the period of the last prevote (if any). Pure:
 * the timing rules in one place.
 */
export function planVoterStep(options: {
  readonly endedHeight: bigint;
  readonly votePeriod: bigint;
  readonly prevotedPeriod: bigint | undefined;
}): VoterStep {
  const next = options.endedHeight + 1n;
  const period = next / options.votePeriod;
  if (options.prevotedPeriod === period) return { reveal: false, prevote: false, period };
  const reveal = options.prevotedPeriod === period - 1n;
  const prevote = reveal || !isPeriodLastBlock(next, options.votePeriod);
  return { reveal, prevote, period };
}

/** `"<rate><denom>,..."`, denoms sorted, rates in canonical Dec text: the exact text hashed and revealed. */
export function exchangeRatesText(rates: ReadonlyMap<string, dec.Dec>): string {
  return [...rates.keys()]
    .sort()
    .map((denom) => `${dec.format(rates.get(denom) as dec.Dec)}${denom}`)
    .join(',');
}

export interface DemoVoterOptions {
  readonly client: MarketClient;
  /** The validators' operator addresses. */
  readonly validators: readonly string[];
  readonly exchangeRates: ReadonlyMap<string, dec.Dec>;
  readonly votePeriod: bigint;
  readonly logger: Logger;
  /** Called after each block that ended a vote period in which this voter revealed its votes. */
  readonly onTallied?: (height: bigint) => void;
}

interface Prevoted {
  readonly period: bigint;
  readonly salt: string;
}

export class DemoVoter {
  private readonly ratesText: string;
  private readonly prevoted = new Map<string, Prevoted>();
  private readonly headers: MessageStream<BlockHeader>;
  private readonly results: MessageStream<OracleResult>;
  private readonly running: Promise<void>;
  private revealedPeriod: bigint | undefined;

  constructor(private readonly options: DemoVoterOptions) {
    this.ratesText = exchangeRatesText(options.exchangeRates);
    this.headers = options.client.subscribeBlockHeaders({
      onMalformed: (error) => options.logger.warn({ err: error }, 'demo voter: malformed block header'),
    });
    this.results = options.client.subscribeOracleResults();
    this.running = Promise.all([this.followBlocks(), this.watchResults()]).then(() => undefined);
  }

  /** Resolves once the subscriptions are known to the server (headers cannot slip past). */
  async ready(): Promise<void> {
    await this.options.client.connection.flush();
  }

  async stop(): Promise<void> {
    this.headers.unsubscribe();
    this.results.unsubscribe();
    await this.running;
  }

  private async followBlocks(): Promise<void> {
    for await (const header of this.headers) {
      try {
        await this.afterBlock(header.height);
      } catch (error) {
        // A publish that timed out or a closing client: the next block tries again.
        this.options.logger.warn({ err: error, height: header.height }, 'demo voter: could not send');
      }
    }
  }

  private async afterBlock(endedHeight: bigint): Promise<void> {
    const { votePeriod } = this.options;
    if (isPeriodLastBlock(endedHeight, votePeriod) && this.revealedPeriod === endedHeight / votePeriod)
      this.options.onTallied?.(endedHeight);
    for (const validator of this.options.validators) {
      const prevoted = this.prevoted.get(validator);
      const step = planVoterStep({ endedHeight, votePeriod, prevotedPeriod: prevoted?.period });
      if (step.reveal && prevoted !== undefined) {
        await this.options.client.vote({ validator, salt: prevoted.salt, exchangeRates: this.ratesText });
        this.revealedPeriod = step.period;
      }
      if (step.prevote) await this.prevote(validator, step.period);
    }
  }

  private async prevote(validator: string, period: bigint): Promise<void> {
    const salt = randomBytes(SALT_BYTES).toString('hex');
    const hash = aggregateVoteHash({ salt, exchangeRatesText: this.ratesText, voter: validator });
    await this.options.client.prevote({ validator, hash });
    this.prevoted.set(validator, { period, salt });
  }

  private async watchResults(): Promise<void> {
    const ours = new Set(this.options.validators);
    for await (const result of this.results) {
      if (!result.ok && ours.has(result.validator))
        this.options.logger.warn(
          { validator: result.validator, code: result.error.code },
          `demo voter: ${result.error.message}`,
        );
    }
  }
}

/**
 * Tells the person running `npm start` when swaps work: after each tally block it reads the rates,
 * and the first time the tally left rates set it prints one line. (On a fresh start the genesis
 * rates are deleted by the first tally; the feeders' first votes are tallied at the end of the
 * second vote period.)
 */
import type { BlockHeader, MarketClient, MessageStream } from '@marketnode/market-client';
import { isPeriodLastBlock } from '@marketnode/oracle';
import type { Logger } from 'pino';

export class RatesAnnouncer {
  private readonly headers: MessageStream<BlockHeader>;
  private readonly running: Promise<void>;

  constructor(
    private readonly options: {
      readonly client: MarketClient;
      readonly votePeriod: bigint;
      readonly logger: Logger;
      readonly announce: (height: bigint) => void;
    },
  ) {
    this.headers = options.client.subscribeBlockHeaders();
    this.running = this.follow();
  }

  async stop(): Promise<void> {
    this.headers.unsubscribe();
    await this.running;
  }

  private async follow(): Promise<void> {
    for await (const header of this.headers) {
      if (!isPeriodLastBlock(header.height, this.options.votePeriod)) continue;
      try {
        const rates = await this.options.client.rates();
        if (rates.ok && Object.keys(rates.value.exchangeRates).length > 0) {
          this.options.announce(header.height);
          this.headers.unsubscribe();
        }
      } catch (error) {
        this.options.logger.warn({ err: error }, 'could not read the rates');
      }
    }
  }
}

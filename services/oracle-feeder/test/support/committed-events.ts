/**
 * The engine's committed log entries as they are published (`events.committed.<seq>`), decoded with
 * the log store's and the events lib's own decoders: what the engine recorded, block by block.
 */
import { decodeLogBody, type Event } from '@marketnode/events';
import { decodeEntry } from '@marketnode/log-store';
import type { MarketClient, MessageStream, CommittedMessage } from '@marketnode/market-client';

export class CommittedEvents {
  readonly events: Event[] = [];
  private readonly stream: MessageStream<CommittedMessage>;
  private readonly reading: Promise<void>;

  constructor(client: MarketClient) {
    this.stream = client.subscribeCommitted();
    this.reading = this.read();
  }

  private async read(): Promise<void> {
    for await (const message of this.stream)
      this.events.push(...decodeLogBody(decodeEntry(message.bytes).body).events);
  }

  ofType<T extends Event['type']>(type: T): Extract<Event, { type: T }>[] {
    return this.events.filter((event): event is Extract<Event, { type: T }> => event.type === type);
  }

  async close(): Promise<void> {
    this.stream.unsubscribe();
    await this.reading;
  }
}

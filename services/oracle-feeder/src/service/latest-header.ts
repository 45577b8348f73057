/**
 * The newest block header, for a worker slower than the blocks: the feeder acts on the latest block
 * only (acting on an old one would time its messages by a height that has passed), so headers that
 * arrive while it works replace each other instead of queueing.
 */
import type { BlockHeader, MessageStream } from '@marketnode/market-client';

export class LatestHeader {
  private latest: BlockHeader | undefined;
  private wake: (() => void) | undefined;
  private ended = false;
  private readonly reading: Promise<void>;

  constructor(
    private readonly stream: MessageStream<BlockHeader>,
    private readonly onHeader: (header: BlockHeader) => void,
  ) {
    this.reading = (async () => {
      for await (const header of stream) {
        if (this.latest === undefined || header.height > this.latest.height) this.latest = header;
        this.onHeader(header);
        this.notify();
      }
      this.ended = true;
      this.notify();
    })();
  }

  /** The newest header not taken yet; undefined once the stream ended. */
  async next(): Promise<BlockHeader | undefined> {
    while (this.latest === undefined && !this.ended)
      await new Promise<void>((resolve) => (this.wake = resolve));
    const header = this.latest;
    this.latest = undefined;
    return header;
  }

  /** Stops the subscription; `next()` then answers undefined. */
  async stop(): Promise<void> {
    this.stream.unsubscribe();
    await this.reading;
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

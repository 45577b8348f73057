/**
 * The engine's bounded inbox. NATS callbacks only enqueue here; a full inbox refuses at once (the
 * caller replies `busy`) rather than queueing without bound. The loop drains it in batches.
 */
export class BoundedInbox<T> {
  private items: T[] = [];
  private waiter: (() => void) | undefined;

  constructor(readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1)
      throw new RangeError(`inbox capacity must be ≥ 1, got ${capacity}`);
  }

  get size(): number {
    return this.items.length;
  }

  /** False when full: nothing was queued. */
  offer(item: T): boolean {
    if (this.items.length >= this.capacity) return false;
    this.items.push(item);
    this.wake();
    return true;
  }

  /**
   * Takes up to `max` items in arrival order. The inbox keeps no reference to what it hands out:
   * an array that kept drained items behind a read index held up to 4,096 answered swaps (their
   * messages, commands and reply closures) alive, long enough for the young-generation collector to
   * copy them and then promote them, garbage for the old generation's.
   */
  drain(max: number): T[] {
    if (max >= this.items.length) {
      const batch = this.items;
      this.items = [];
      return batch;
    }
    const batch = this.items.slice(0, max);
    this.items = this.items.slice(max);
    return batch;
  }

  whenReady(): Promise<void> {
    if (this.size > 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  /** Ends a pending `whenReady` (new item, a block tick, or shutdown). */
  wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }
}

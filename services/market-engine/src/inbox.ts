/**
 * The engine's bounded inbox. NATS callbacks only enqueue here; a full inbox refuses at once (the
 * caller replies `busy`) rather than queueing without bound. The loop drains it in batches.
 */
export class BoundedInbox<T> {
  private items: T[] = [];
  private head = 0;
  private waiter: (() => void) | undefined;

  constructor(readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1)
      throw new RangeError(`inbox capacity must be ≥ 1, got ${capacity}`);
  }

  get size(): number {
    return this.items.length - this.head;
  }

  /** False when full: nothing was queued. */
  offer(item: T): boolean {
    if (this.size >= this.capacity) return false;
    this.items.push(item);
    this.wake();
    return true;
  }

  /** Takes up to `max` items in arrival order. */
  drain(max: number): T[] {
    const end = Math.min(this.items.length, this.head + max);
    const batch = this.items.slice(this.head, end);
    this.head = end;
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return batch;
  }

  /** Resolves when an item arrives (at once if one is there) or `wake()` is called. */
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

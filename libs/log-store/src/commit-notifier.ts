/**
 * Wakes tails when this process commits, so a tail on the writer's own store sees new entries at
 * once. Commits by other processes give no signal (lmdb-js's commit events are per process), so a
 * wait also ends after a timeout and the tail polls the file.
 */
export class CommitNotifier {
  private waiters: (() => void)[] = [];

  notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves on the next notify, after `timeoutMs`, or when a signal aborts, whichever is first. */
  wait(timeoutMs: number, signals: readonly AbortSignal[]): Promise<void> {
    if (signals.some((signal) => signal.aborted)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        for (const signal of signals) signal.removeEventListener('abort', done);
        const index = this.waiters.indexOf(done);
        if (index >= 0) this.waiters.splice(index, 1);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      for (const signal of signals) signal.addEventListener('abort', done, { once: true });
      this.waiters.push(done);
    });
  }
}

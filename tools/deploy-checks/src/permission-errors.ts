/**
 * Permission refusals as a client sees them. nats-server answers a publish or subscribe outside the
 * user's permissions with `-ERR 'Permissions Violation ...'`; nats.js turns it into a
 * `PermissionViolationError` (with `operation` and `subject`) and reports it on the connection's
 * `status()` iterator as `{ type: 'error' }` (a refused subscription also ends with that error).
 */
import { PermissionViolationError, type NatsConnection } from '@nats-io/transport-node';

export interface Refusal {
  readonly operation: 'publish' | 'subscription';
  readonly subject: string;
}

export class PermissionErrors {
  private readonly seen: PermissionViolationError[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(nc: NatsConnection) {
    void this.follow(nc);
  }

  /** Resolves with the refusal of `subject` once the server reports it; rejects after `timeoutMs`. */
  async refusal(subject: string, timeoutMs: number): Promise<Refusal> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.seen.find((error) => error.subject === subject);
      if (found !== undefined) return { operation: found.operation as Refusal['operation'], subject };
      const leftMs = deadline - Date.now();
      if (leftMs <= 0) throw new Error(`no permission error for ${subject} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, leftMs);
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.add(done);
      });
    }
  }

  /** Every refusal so far. */
  get all(): readonly Refusal[] {
    return this.seen.map((error) => ({
      operation: error.operation as Refusal['operation'],
      subject: error.subject,
    }));
  }

  private async follow(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (status.type !== 'error' || !(status.error instanceof PermissionViolationError)) continue;
      this.seen.push(status.error);
      for (const wake of this.waiters) wake();
      this.waiters.clear();
    }
  }
}

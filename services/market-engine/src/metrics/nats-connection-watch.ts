/**
 * Whether the engine's NATS connection is up, for `/health`: nats.js reports disconnects and
 * reconnects on `status()`, and `isClosed()` says when it has given up for good.
 */
import type { NatsConnection } from '@nats-io/transport-node';

export class NatsConnectionWatch {
  private connected = true;
  private lastChange = 'connected';

  constructor(private readonly nc: NatsConnection) {
    void this.follow();
  }

  get status(): { readonly ok: boolean; readonly detail: string } {
    if (this.nc.isClosed()) return { ok: false, detail: 'the NATS connection is closed' };
    return { ok: this.connected, detail: `${this.lastChange} (${this.nc.getServer()})` };
  }

  private async follow(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === 'disconnect') {
        this.connected = false;
        this.lastChange = 'disconnected, reconnecting';
      } else if (status.type === 'reconnect') {
        this.connected = true;
        this.lastChange = 'reconnected';
      }
    }
  }
}

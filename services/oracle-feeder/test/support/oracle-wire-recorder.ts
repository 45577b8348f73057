/**
 * Records what the feeders actually put on the wire (`oracle.<validator>.vote` and `.prevote`) and
 * what the engine answered (`oracle.<validator>.result`), each tagged with the block it landed in:
 * the tests tick blocks themselves and let the feeders settle before the next tick, so everything
 * seen between two ticks belongs to the open block.
 */
import { decodePayload, decodeReply } from '@marketnode/nats-kit';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';

export interface WireMessage {
  readonly validator: string;
  readonly action: 'vote' | 'prevote' | 'result';
  readonly height: bigint;
  readonly payload: Record<string, unknown>;
}

export class OracleWireRecorder {
  readonly messages: WireMessage[] = [];
  /** The block messages seen now land in (set by the test after each tick). */
  openHeight = 0n;
  private readonly subscription: Subscription;

  constructor(nc: NatsConnection) {
    this.subscription = nc.subscribe('oracle.*.*', {
      callback: (error, msg) => {
        if (error !== null) return;
        const [, validator, action] = msg.subject.split('.') as [string, string, string];
        if (action !== 'vote' && action !== 'prevote' && action !== 'result') return;
        const decoded =
          action === 'result' ? { ok: true, value: decodeReply(msg.data) } : decodePayload(msg.data);
        if (!decoded.ok) throw new Error(`undecodable ${msg.subject}`);
        this.messages.push({
          validator,
          action,
          height: this.openHeight,
          payload: decoded.value as Record<string, unknown>,
        });
      },
    });
  }

  votes(height?: bigint): WireMessage[] {
    return this.messages.filter((m) => m.action === 'vote' && (height === undefined || m.height === height));
  }

  of(action: WireMessage['action'], validator: string): WireMessage[] {
    return this.messages.filter((m) => m.action === action && m.validator === validator);
  }

  close(): void {
    this.subscription.unsubscribe();
  }
}

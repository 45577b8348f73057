/**
 * What the ingress puts in the inbox: commands for the log, and reads answered in order with them.
 * `respond` sends a reply on NATS; it is called only after everything before it is durable.
 */
import type { Coin } from '@marketnode/dec';
import type { OracleCommand, Swap } from '@marketnode/events';
import type { QueryKind } from './queries.js';

export type Respond = (reply: Uint8Array) => void;

export type WorkItem =
  | { readonly kind: 'swap'; readonly command: Swap; readonly respond: Respond }
  | { readonly kind: 'oracle'; readonly command: OracleCommand }
  | {
      readonly kind: 'query';
      readonly query: QueryKind;
      readonly account?: string;
      readonly respond: Respond;
    }
  | { readonly kind: 'quote'; readonly offer: Coin; readonly askDenom: string; readonly respond: Respond }
  /** A block tick from outside (`--external-ticks`); the clock's ticks do not go through the inbox. */
  | { readonly kind: 'tick'; readonly respond: Respond };

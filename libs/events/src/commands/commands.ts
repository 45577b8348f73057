/**
 * Commands: the inputs of the log, imperative. Identities (trader, feeder, operator) are the ones
 * the engine derived from the transport, never a field a client sent.
 */
import type { Coin } from '@marketnode/dec';

/**
 * `MsgSwap` and `MsgSwapSend` in one: `receiver` is the trader for a plain swap. A uusd <-> ubtc
 * pair (the reserve's denoms, from its params) goes to the reserve pool, any other to the market.
 */
export interface Swap {
  readonly type: 'Swap';
  /** The client's idempotency key: a retry with the same key gets the first outcome. */
  readonly requestId: string;
  readonly trader: string;
  readonly receiver: string;
  readonly offer: Coin;
  readonly askDenom: string;
}

/** `MsgDelegateFeedConsent`, sent by the validator's operator. */
export interface DelegateFeedConsent {
  readonly type: 'DelegateFeedConsent';
  readonly operator: string;
  readonly delegate: string;
}

/** `MsgAggregateExchangeRatePrevote`, sent by the feeder. */
export interface SubmitPrevote {
  readonly type: 'SubmitPrevote';
  readonly feeder: string;
  readonly validator: string;
  readonly hash: string;
}

/** `MsgAggregateExchangeRateVote`, sent by the feeder. */
export interface SubmitVote {
  readonly type: 'SubmitVote';
  readonly feeder: string;
  readonly validator: string;
  readonly salt: string;
  /** Kept exactly as sent: it is hashed byte for byte against the prevote. */
  readonly exchangeRatesText: string;
}

/** The block tick: ends block `height`. The engine's clock is recorded here and nowhere else. */
export interface EndBlock {
  readonly type: 'EndBlock';
  readonly height: bigint;
  /** The engine's wall-clock time when it ended the block, in ms since the Unix epoch. */
  readonly timeMs: bigint;
}

export type OracleCommand = DelegateFeedConsent | SubmitPrevote | SubmitVote;
export type Command = Swap | OracleCommand | EndBlock;
export type CommandType = Command['type'];

/**
 * Events: the outputs of the log, facts in the past tense. Business failures are events too.
 */
import type {
  BlockEnded,
  ExchangeRatesTallied,
  PoolsReplenished,
  ReserveDayRolled,
  SlashWindowEnded,
  ValidatorJailed,
  ValidatorSlashed,
  ValidatorUnbonded,
} from './block-events.js';
import type {
  FeederDelegated,
  OracleMessageRejected,
  PrevoteSubmitted,
  VoteSubmitted,
} from './oracle-events.js';
import type { SwapExecuted, SwapRejected } from './swap-events.js';

export type SwapEvent = SwapExecuted | SwapRejected;
export type OracleEvent = FeederDelegated | PrevoteSubmitted | VoteSubmitted | OracleMessageRejected;
export type BlockEvent =
  | ExchangeRatesTallied
  | SlashWindowEnded
  | ValidatorSlashed
  | ValidatorJailed
  | PoolsReplenished
  | ReserveDayRolled
  | ValidatorUnbonded
  | BlockEnded;

export type Event = SwapEvent | OracleEvent | BlockEvent;
export type EventType = Event['type'];

/**
 * What an oracle message decided.
 */
import type { Dec } from '@marketnode/dec';

export interface FeederDelegated {
  readonly type: 'FeederDelegated';
  readonly operator: string;
  readonly delegate: string;
}

export interface PrevoteSubmitted {
  readonly type: 'PrevoteSubmitted';
  readonly validator: string;
  readonly feeder: string;
  /** Lowercase hex, as stored. */
  readonly hash: string;
  readonly submitBlock: bigint;
}

export interface ExchangeRateEntry {
  readonly denom: string;
  readonly exchangeRate: Dec;
}

export interface VoteSubmitted {
  readonly type: 'VoteSubmitted';
  readonly validator: string;
  readonly feeder: string;
  /** The text as sent (it was hashed byte for byte). */
  readonly exchangeRatesText: string;
  /** The tuples parsed from it, in the order sent; a rate of 0 abstains. */
  readonly exchangeRates: readonly ExchangeRateEntry[];
}

export type OracleCommandType = 'DelegateFeedConsent' | 'SubmitPrevote' | 'SubmitVote';

export interface OracleMessageRejected {
  readonly type: 'OracleMessageRejected';
  readonly command: OracleCommandType;
  /** The identity the message came from: the operator for a delegation, else the feeder. */
  readonly sender: string;
  readonly validator: string;
  readonly code: string;
  readonly message: string;
}

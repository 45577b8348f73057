/**
 * The oracle's commands (`terra.oracle.v1beta1` messages). Addresses are opaque strings: the
 * validator by its operator address, the feeder by its account address.
 */

/** `MsgDelegateFeedConsent`, signed by the operator's account. */
export interface DelegateFeedConsent {
  readonly operator: string;
  readonly delegate: string;
}

/** `MsgAggregateExchangeRatePrevote`, signed by the feeder. */
export interface SubmitPrevote {
  readonly feeder: string;
  readonly validator: string;
  /** 40 hex characters; upper case is accepted. */
  readonly hash: string;
}

/** `MsgAggregateExchangeRateVote`, signed by the feeder. */
export interface SubmitVote {
  readonly feeder: string;
  readonly validator: string;
  readonly salt: string;
  /** Hashed byte for byte, so it is kept exactly as sent. */
  readonly exchangeRatesText: string;
}

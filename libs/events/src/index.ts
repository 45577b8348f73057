/**
 * `@marketnode/events`: what goes into the log. Commands (inputs) and events (outputs); the decider
 * that turns a command into events against the node's state; the canonical msgpack codec with
 * schema versions and upcasting; validation of untrusted payloads at the edge; and the state's
 * canonical encoding, hash and snapshots.
 */
export type {
  Command,
  CommandType,
  DelegateFeedConsent,
  EndBlock,
  OracleCommand,
  SubmitPrevote,
  SubmitVote,
  Swap,
} from './commands/commands.js';
export type { SwapExecuted, SwapPool, SwapRejected, SwapVenue } from './events/swap-events.js';
export type {
  ExchangeRateEntry,
  FeederDelegated,
  OracleCommandType,
  OracleMessageRejected,
  PrevoteSubmitted,
  VoteSubmitted,
} from './events/oracle-events.js';
export type {
  BallotTally,
  BlockEnded,
  ClaimEntry,
  ExchangeRatesTallied,
  MissCounterVerdictEntry,
  PoolsReplenished,
  RateFailureEntry,
  ReserveDayRolled,
  SlashWindowEnded,
  ValidatorJailed,
  ValidatorRewardEntry,
  ValidatorSlashed,
  ValidatorUnbonded,
} from './events/block-events.js';
export type { BlockEvent, Event, EventType, OracleEvent, SwapEvent } from './events/event.js';

export { applyCommand, type ApplyContext } from './decider/apply-command.js';
export { decodeLogBody, encodeLogBody, encodeLogBodyOfEncoded, type LogBody } from './log-body.js';

export { DecodeError } from './codec/decode-error.js';
export {
  CANONICAL_MSGPACK_OPTIONS,
  decodeWire,
  encodeWire,
  type WireRecord,
  type WireValue,
} from './codec/wire.js';
export { SCHEMA_VERSION_FIRST } from './codec/message-codec.js';
export { MsgpackWriter } from './codec/msgpack-writer.js';
export { commandFromWire, commandToWire, decodeCommand, encodeCommand } from './commands/command-codec.js';
export {
  decodeEvent,
  decodeEvents,
  encodeEvent,
  encodeEvents,
  eventFromWire,
  eventToWire,
  eventsFromWire,
  eventsToWire,
} from './events/event-codec.js';
export {
  SCHEMA_UPCASTERS,
  UpcasterRegistry,
  type DecodeOptions,
  type Upcaster,
} from './versioning/upcasters.js';

export * from './limits.js';
export { PAYLOAD_BYTES_MAX } from './edge/payload.js';
export { AMOUNT_LIMIT } from './edge/field-readers.js';
export { knownDenoms } from './edge/known-denoms.js';
export {
  parseBalanceQuery,
  parseQuoteRequest,
  parseSwapRequest,
  type QuoteRequest,
  type SwapRequestOptions,
} from './edge/swap-request.js';
export {
  parseOracleMessage,
  type OracleCommandKind,
  type OracleMessageOptions,
} from './edge/oracle-messages.js';

export {
  STATE_HASH_BYTES,
  decodeState,
  encodeState,
  hashEncodedState,
  stateHash,
  stateToWire,
} from './snapshot/state-codec.js';
export { readSwapRequestBytes, type SwapRequestValue } from './edge/swap-request-bytes.js';

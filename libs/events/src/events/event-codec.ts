/**
 * The canonical wire form of events, and reading it back with upcasting and validation.
 */
import {
  coinCodec,
  coinsCodec,
  decCoinCodec,
  denomCodec,
  denomOrEmptyCodec,
  exchangeRatesCodec,
  identityCodec,
  rejectionCodeCodec,
  rejectionMessageCodec,
  requestIdCodec,
} from '../codec/domain-codecs.js';
import {
  booleanCodec,
  decCodec,
  listCodec,
  oneOfCodec,
  recordCodec,
  textCodec,
  uint64Codec,
  uintCodec,
  type Codec,
} from '../codec/field-codecs.js';
import { decodeMessage, messageCodec, type MessageCodec } from '../codec/message-codec.js';
import { MsgpackWriter } from '../codec/msgpack-writer.js';
import { decodeWire, type WireRecord } from '../codec/wire.js';
import { EXCHANGE_RATES_TEXT_LENGTH_MAX, PREVOTE_HASH_LENGTH_MAX } from '../limits.js';
import type { DecodeOptions } from '../versioning/upcasters.js';
import type * as block from './block-events.js';
import type { Event } from './event.js';
import type * as oracle from './oracle-events.js';
import type * as swap from './swap-events.js';

const RATE_FAILURE_REASON_LENGTH_MAX = 1024;

const swapExecutedCodec = messageCodec<swap.SwapExecuted>('SwapExecuted', {
  requestId: requestIdCodec,
  trader: identityCodec,
  receiver: identityCodec,
  venue: oneOfCodec(['market', 'reserve']),
  pool: oneOfCodec(['market', 'reserveEntry', 'reserveExit']),
  offer: coinCodec,
  askDenom: denomCodec,
  offerRate: decCodec,
  askRate: decCodec,
  offerValue: decCodec,
  askAtOracleRate: decCodec,
  spread: decCodec,
  fee: decCodec,
  swapCoin: coinCodec,
  feeCoin: coinCodec,
  destroyedDust: decCodec,
  poolDeltaDenom: denomCodec,
  poolDeltaBefore: decCodec,
  poolDeltaAfter: decCodec,
});

const swapRejectedCodec = messageCodec<swap.SwapRejected>('SwapRejected', {
  requestId: requestIdCodec,
  trader: identityCodec,
  code: rejectionCodeCodec,
  message: rejectionMessageCodec,
});

const feederDelegatedCodec = messageCodec<oracle.FeederDelegated>('FeederDelegated', {
  operator: identityCodec,
  delegate: identityCodec,
});

const prevoteSubmittedCodec = messageCodec<oracle.PrevoteSubmitted>('PrevoteSubmitted', {
  validator: identityCodec,
  feeder: identityCodec,
  hash: textCodec({ lengthMax: PREVOTE_HASH_LENGTH_MAX }),
  submitBlock: uint64Codec,
});

const voteSubmittedCodec = messageCodec<oracle.VoteSubmitted>('VoteSubmitted', {
  validator: identityCodec,
  feeder: identityCodec,
  exchangeRatesText: textCodec({ lengthMax: EXCHANGE_RATES_TEXT_LENGTH_MAX }),
  exchangeRates: exchangeRatesCodec,
});

const oracleMessageRejectedCodec = messageCodec<oracle.OracleMessageRejected>('OracleMessageRejected', {
  command: oneOfCodec(['DelegateFeedConsent', 'SubmitPrevote', 'SubmitVote']),
  sender: identityCodec,
  validator: identityCodec,
  code: rejectionCodeCodec,
  message: rejectionMessageCodec,
});

const exchangeRatesTalliedCodec = messageCodec<block.ExchangeRatesTallied>('ExchangeRatesTallied', {
  height: uint64Codec,
  referenceTerra: denomOrEmptyCodec,
  thresholdVotes: uintCodec,
  exchangeRates: exchangeRatesCodec,
  ballots: listCodec(
    recordCodec<block.BallotTally>({
      denom: denomCodec,
      median: decCodec,
      standardDeviation: decCodec,
      rewardSpread: decCodec,
    }),
  ),
  rateFailures: listCodec(
    recordCodec<block.RateFailureEntry>({
      denom: denomCodec,
      reason: textCodec({ lengthMax: RATE_FAILURE_REASON_LENGTH_MAX }),
    }),
  ),
  claims: listCodec(
    recordCodec<block.ClaimEntry>({
      operator: identityCodec,
      power: uintCodec,
      weight: uintCodec,
      winCount: uint64Codec,
    }),
  ),
  voteTargets: listCodec(denomCodec),
  missCountersIncremented: listCodec(identityCodec),
  periodRewards: listCodec(decCoinCodec),
  rewardsToValidators: listCodec(
    recordCodec<block.ValidatorRewardEntry>({ operator: identityCodec, coins: coinsCodec }),
  ),
  whitelistApplied: booleanCodec,
});

const slashWindowEndedCodec = messageCodec<block.SlashWindowEnded>('SlashWindowEnded', {
  height: uint64Codec,
  verdicts: listCodec(
    recordCodec<block.MissCounterVerdictEntry>({
      operator: identityCodec,
      missCounter: uint64Codec,
      validRate: decCodec,
      slashed: booleanCodec,
      slashedAmount: uintCodec,
    }),
  ),
});

const validatorSlashedCodec = messageCodec<block.ValidatorSlashed>('ValidatorSlashed', {
  height: uint64Codec,
  operator: identityCodec,
  validRate: decCodec,
  amount: uintCodec,
});

const validatorJailedCodec = messageCodec<block.ValidatorJailed>('ValidatorJailed', {
  height: uint64Codec,
  operator: identityCodec,
});

const poolsReplenishedCodec = messageCodec<block.PoolsReplenished>('PoolsReplenished', {
  height: uint64Codec,
  marketRegressionUsdr: decCodec,
  marketDeltaAfterUsdr: decCodec,
  reserveEntryRegressionUst: decCodec,
  reserveEntryDeltaAfterUst: decCodec,
  reserveExitRegressionUst: decCodec,
  reserveExitDeltaAfterUst: decCodec,
});

const reserveDayRolledCodec = messageCodec<block.ReserveDayRolled>('ReserveDayRolled', {
  height: uint64Codec,
  dayIndex: uint64Codec,
  dayCapBaseBtc: uintCodec,
  dailyCapBtc: uintCodec,
});

const validatorUnbondedCodec = messageCodec<block.ValidatorUnbonded>('ValidatorUnbonded', {
  height: uint64Codec,
  operator: identityCodec,
});

const blockEndedCodec = messageCodec<block.BlockEnded>('BlockEnded', {
  height: uint64Codec,
  timeMs: uint64Codec,
});

const EVENT_CODECS: ReadonlyMap<string, MessageCodec<Event>> = new Map(
  [
    swapExecutedCodec,
    swapRejectedCodec,
    feederDelegatedCodec,
    prevoteSubmittedCodec,
    voteSubmittedCodec,
    oracleMessageRejectedCodec,
    exchangeRatesTalliedCodec,
    slashWindowEndedCodec,
    validatorSlashedCodec,
    validatorJailedCodec,
    poolsReplenishedCodec,
    reserveDayRolledCodec,
    validatorUnbondedCodec,
    blockEndedCodec,
  ].map((codec) => [codec.type, codec as unknown as MessageCodec<Event>]),
);

/** The event as a msgpack-ready map (`v`, `type`, then its fields in a fixed order). */
export function eventToWire(event: Event): WireRecord {
  return (EVENT_CODECS.get(event.type) as MessageCodec<Event>).encode(event);
}

/** Validates (after upcasting) a decoded wire value as an event; DecodeError naming the path. */
export function eventFromWire(
  wire: unknown,
  options: DecodeOptions & { readonly path?: string } = {},
): Event {
  return decodeMessage(EVENT_CODECS, wire, { path: options.path ?? 'event', upcasters: options.upcasters });
}

export function eventsToWire(events: readonly Event[]): WireRecord[] {
  return events.map(eventToWire);
}

export function eventsFromWire(
  wire: unknown,
  options: DecodeOptions & { readonly path?: string } = {},
): Event[] {
  const item: Codec<Event> = {
    encode: eventToWire,
    write: writeEvent,
    decode: (value: unknown, path: string) => eventFromWire(value, { upcasters: options.upcasters, path }),
  };
  return listCodec(item).decode(wire, options.path ?? 'events') as Event[];
}

const writer = new MsgpackWriter();

/** Writes the event's canonical bytes into `to` (for messages that embed events). */
export function writeEvent(to: MsgpackWriter, event: Event): void {
  (EVENT_CODECS.get(event.type) as MessageCodec<Event>).write(to, event);
}

/** The canonical bytes: the same as `encodeWire(eventToWire(event))`, written directly. */
export function encodeEvent(event: Event): Uint8Array {
  writer.reset();
  writeEvent(writer, event);
  return writer.finish();
}

export function decodeEvent(bytes: Uint8Array, options: DecodeOptions = {}): Event {
  return eventFromWire(decodeWire(bytes, 'event'), options);
}

/** The events of one command as one msgpack array. */
export function encodeEvents(events: readonly Event[]): Uint8Array {
  writer.reset();
  writer.arrayHeader(events.length);
  for (const event of events) writeEvent(writer, event);
  return writer.finish();
}

export function decodeEvents(bytes: Uint8Array, options: DecodeOptions = {}): Event[] {
  return eventsFromWire(decodeWire(bytes, 'events'), options);
}

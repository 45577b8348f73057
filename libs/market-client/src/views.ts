/**
 * What the client returns, typed. Amounts are `bigint` micro units; `Dec` values are kept as the
 * canonical 18-decimal text they travel as (exact and printable; `dec.parse` from `@marketnode/dec`
 * gives the number). Heights and sequence numbers are `bigint`.
 */
import type { Coin } from '@marketnode/dec';

/** The `{ code, message, hint }` of every error reply (docs/errors.md lists the codes). */
export interface EngineError {
  readonly code: string;
  readonly message: string;
  readonly hint: string;
}

/** A reply: the value, or the engine's error. Transport failures are thrown instead. */
export type Answer<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: EngineError };

/** The `SwapExecuted` event, as the engine recorded it in the log. */
export interface SwapExecution {
  readonly requestId: string;
  readonly trader: string;
  readonly receiver: string;
  readonly venue: 'market' | 'reserve';
  readonly pool: string;
  readonly offer: Coin;
  readonly askDenom: string;
  readonly offerRate: string;
  readonly askRate: string;
  readonly offerValue: string;
  readonly askAtOracleRate: string;
  readonly spread: string;
  readonly fee: string;
  /** Paid to the receiver. */
  readonly swapCoin: Coin;
  readonly feeCoin: Coin;
  readonly destroyedDust: string;
  readonly poolDeltaDenom: string;
  readonly poolDeltaBefore: string;
  readonly poolDeltaAfter: string;
}

/**
 * A swap's outcome. `requestId` is the one sent (generated when not given): retrying with it after a
 * timeout is safe, the engine applies a request id once and answers a retry with the first outcome.
 */
export type SwapResult =
  | { readonly ok: true; readonly requestId: string; readonly executed: SwapExecution }
  | { readonly ok: false; readonly requestId: string; readonly error: EngineError };

/** `market.query.quote`: what a swap would pay now, without side effect. */
export interface Quote {
  readonly venue: 'market' | 'reserve';
  readonly returnCoin: Coin;
  /** Present when the engine reports it (docs/protocol.md lists it for every venue). */
  readonly spread?: string;
  readonly askAtOracleRate?: string;
}

export interface PoolView {
  readonly basePool: string;
  readonly terraPoolDelta: string;
  readonly terraPool: string;
  readonly lunaPool: string;
  readonly height: bigint;
}

export interface RatesView {
  /** Denom to LUNA exchange rate; empty until an oracle tally has set rates. */
  readonly exchangeRates: Readonly<Record<string, string>>;
  readonly tobinTaxes: Readonly<Record<string, string>>;
  readonly height: bigint;
}

/** The module params, as the engine answers them (Dec as text, integers as bigint). */
export interface ParamsView {
  readonly market: Readonly<Record<string, unknown>>;
  readonly oracle: Readonly<Record<string, unknown>>;
  readonly reserve: Readonly<Record<string, unknown>>;
}

export interface BalanceView {
  readonly account: string;
  readonly balances: Readonly<Record<string, bigint>>;
  readonly height: bigint;
}

export interface ReserveView {
  readonly entryDeltaUst: string;
  readonly exitDeltaUst: string;
  readonly inventory: Readonly<Record<string, bigint>>;
  readonly dayCapBaseBtc: bigint;
  readonly redeemedTodayBtc: bigint;
  readonly height: bigint;
}

/** `blocks.header`, published after each block is durable. */
export interface BlockHeader {
  readonly height: bigint;
  readonly timeMs: bigint;
  readonly seq: bigint;
  /** Lowercase hex. */
  readonly stateHash: string;
  readonly entryHash: string;
}

/** An oracle event in its wire form: `type` plus its fields (`PrevoteSubmitted`, `VoteSubmitted`, ...). */
export type OracleEventView = Readonly<{ type: string } & Record<string, unknown>>;

/** `oracle.<validator>.result`: the outcome of one delegate, prevote or vote message. */
export type OracleResult =
  | { readonly ok: true; readonly validator: string; readonly event: OracleEventView }
  | { readonly ok: false; readonly validator: string; readonly error: EngineError };

/**
 * `events.committed.<seq>`: the log entry's exact stored bytes. Check and decode them with
 * `@marketnode/log-store`'s `decodeEntry` and `entryHashMatches` (not a dependency of this client).
 */
export interface CommittedMessage {
  readonly seq: bigint;
  readonly bytes: Uint8Array;
}

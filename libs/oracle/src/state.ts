/**
 * The oracle's store (spec §4.1 store layout), one Map per prefix. Maps are keyed by operator
 * address or denom; nothing that decides a result iterates them in insertion order.
 */
import type { Dec } from '@marketnode/dec';
import type { OracleParams } from './params.js';

export interface ExchangeRateTuple {
  readonly denom: string;
  /** Amount of `denom` per uluna; `0` means abstain. */
  readonly exchangeRate: Dec;
}

export interface AggregatePrevote {
  /** SHA-256[:20] of the vote, lowercase hex. */
  readonly hash: string;
  readonly submitBlock: bigint;
}

export interface AggregateVote {
  readonly exchangeRates: readonly ExchangeRateTuple[];
}

export interface OracleState {
  params: OracleParams;
  /** `0x01` denom -> rate set by the last tally. */
  readonly exchangeRates: Map<string, Dec>;
  /** `0x06` denom -> tobin tax. Its keys are the vote targets. */
  readonly tobinTaxes: Map<string, Dec>;
  /** `0x02` operator -> delegated feeder account. */
  readonly feederDelegations: Map<string, string>;
  /** `0x03` operator -> vote periods missed in this slash window. */
  readonly missCounters: Map<string, bigint>;
  /** `0x04` operator -> aggregate prevote. */
  readonly prevotes: Map<string, AggregatePrevote>;
  /** `0x05` operator -> aggregate vote of the current period. */
  readonly votes: Map<string, AggregateVote>;
}

export interface OracleGenesisOptions {
  readonly exchangeRates?: ReadonlyMap<string, Dec>;
  /** Defaults to the whitelist, so the first period already has vote targets. */
  readonly tobinTaxes?: ReadonlyMap<string, Dec>;
  readonly feederDelegations?: ReadonlyMap<string, string>;
  readonly missCounters?: ReadonlyMap<string, bigint>;
}

export function createOracleState(params: OracleParams, options: OracleGenesisOptions = {}): OracleState {
  const tobinTaxes = new Map(
    options.tobinTaxes ?? params.whitelist.map((item) => [item.name, item.tobinTax]),
  );
  return {
    params,
    exchangeRates: new Map(options.exchangeRates ?? []),
    tobinTaxes,
    feederDelegations: new Map(options.feederDelegations ?? []),
    missCounters: new Map(options.missCounters ?? []),
    prevotes: new Map(),
    votes: new Map(),
  };
}

/** Deep copy, for simulations and tests (the values inside are immutable). */
export function cloneOracleState(state: OracleState): OracleState {
  return {
    params: state.params,
    exchangeRates: new Map(state.exchangeRates),
    tobinTaxes: new Map(state.tobinTaxes),
    feederDelegations: new Map(state.feederDelegations),
    missCounters: new Map(state.missCounters),
    prevotes: new Map(state.prevotes),
    votes: new Map(state.votes),
  };
}

/**
 * The state of each module in a snapshot. Every Map becomes a list sorted by key; lists that carry
 * an order of their own (a vote's tuples, the whitelist) keep it.
 */
import type { MarketState } from '@marketnode/market';
import type { AggregatePrevote, AggregateVote, OracleState } from '@marketnode/oracle';
import type { ReserveState } from '@marketnode/reserve';
import type { StakingState, Validator } from '@marketnode/staking';
import { denomCodec, exchangeRatesCodec, identityCodec } from '../codec/domain-codecs.js';
import type { ExchangeRateEntry } from '../events/oracle-events.js';
import {
  booleanCodec,
  decCodec,
  oneOfCodec,
  recordCodec,
  smallUintCodec,
  textCodec,
  uint64Codec,
  uintCodec,
  type Codec,
} from '../codec/field-codecs.js';
import type { Dec } from '@marketnode/dec';
import { PREVOTE_HASH_LENGTH_MAX } from '../limits.js';
import { marketParamsCodec, oracleParamsCodec, reserveParamsCodec } from './params-codecs.js';
import { sortedMapCodec } from './sorted-map-codec.js';

const validatorCodec = recordCodec<Validator>({
  operator: identityCodec,
  account: identityCodec,
  tokens: uintCodec,
  status: oneOfCodec(['bonded', 'unbonding', 'unbonded']),
  jailed: booleanCodec,
});

export const stakingStateCodec = recordCodec<StakingState>({
  validators: sortedMapCodec<Validator, Validator>({
    entry: validatorCodec,
    toEntry: (_operator, validator) => validator,
    keyOf: (validator) => validator.operator,
    valueOf: (validator) => validator,
  }),
  maxValidators: smallUintCodec,
});

export const marketStateCodec = recordCodec<MarketState>({
  params: marketParamsCodec,
  terraPoolDelta: decCodec,
});

/** A denom -> Dec map, each entry named after what the Dec is. */
function decByDenomCodec(denomCodecOfKey: Codec<string>): Codec<Map<string, Dec>> {
  return sortedMapCodec<Dec, ExchangeRateEntry>({
    entry: recordCodec<ExchangeRateEntry>({ denom: denomCodecOfKey, exchangeRate: decCodec }),
    toEntry: (denom, exchangeRate) => ({ denom, exchangeRate }),
    keyOf: (entry) => entry.denom,
    valueOf: (entry) => entry.exchangeRate,
  });
}

interface TobinTaxEntry {
  readonly denom: string;
  readonly tobinTax: Dec;
}

const tobinTaxesCodec = sortedMapCodec<Dec, TobinTaxEntry>({
  entry: recordCodec<TobinTaxEntry>({ denom: denomCodec, tobinTax: decCodec }),
  toEntry: (denom, tobinTax) => ({ denom, tobinTax }),
  keyOf: (entry) => entry.denom,
  valueOf: (entry) => entry.tobinTax,
});

const feederDelegationsCodec = sortedMapCodec<
  string,
  { readonly operator: string; readonly delegate: string }
>({
  entry: recordCodec({ operator: identityCodec, delegate: identityCodec }),
  toEntry: (operator, delegate) => ({ operator, delegate }),
  keyOf: (entry) => entry.operator,
  valueOf: (entry) => entry.delegate,
});

const missCountersCodec = sortedMapCodec<bigint, { readonly operator: string; readonly missCounter: bigint }>(
  {
    entry: recordCodec({ operator: identityCodec, missCounter: uint64Codec }),
    toEntry: (operator, missCounter) => ({ operator, missCounter }),
    keyOf: (entry) => entry.operator,
    valueOf: (entry) => entry.missCounter,
  },
);

interface PrevoteEntry extends AggregatePrevote {
  readonly validator: string;
}

const prevotesCodec = sortedMapCodec<AggregatePrevote, PrevoteEntry>({
  entry: recordCodec<PrevoteEntry>({
    validator: identityCodec,
    hash: textCodec({ lengthMax: PREVOTE_HASH_LENGTH_MAX }),
    submitBlock: uint64Codec,
  }),
  toEntry: (validator, prevote) => ({ validator, hash: prevote.hash, submitBlock: prevote.submitBlock }),
  keyOf: (entry) => entry.validator,
  valueOf: (entry) => ({ hash: entry.hash, submitBlock: entry.submitBlock }),
});

interface VoteEntry extends AggregateVote {
  readonly validator: string;
}

const votesCodec = sortedMapCodec<AggregateVote, VoteEntry>({
  entry: recordCodec<VoteEntry>({ validator: identityCodec, exchangeRates: exchangeRatesCodec }),
  toEntry: (validator, vote) => ({ validator, exchangeRates: vote.exchangeRates }),
  keyOf: (entry) => entry.validator,
  valueOf: (entry) => ({ exchangeRates: entry.exchangeRates }),
});

export const oracleStateCodec = recordCodec<OracleState>({
  params: oracleParamsCodec,
  exchangeRates: decByDenomCodec(denomCodec),
  tobinTaxes: tobinTaxesCodec,
  feederDelegations: feederDelegationsCodec,
  missCounters: missCountersCodec,
  prevotes: prevotesCodec,
  votes: votesCodec,
});

export const reserveStateCodec = recordCodec<ReserveState>({
  params: reserveParamsCodec,
  entryDeltaUst: decCodec,
  exitDeltaUst: decCodec,
  dayIndex: uint64Codec,
  dayCapBaseBtc: uintCodec,
  redeemedTodayBtc: uintCodec,
});

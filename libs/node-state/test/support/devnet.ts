/**
 * A small node for end-of-block tests: three validators (powers 40/35/25), a trader funded in
 * LUNA, UST, SDT and BTC, the May-2022 market, the proposal's reserve, and an oracle with vote
 * period 2 and a short slash window so whole windows fit in a test. Votes go through the real
 * commit-reveal handlers.
 */
import * as dec from '@marketnode/dec';
import { DEFAULT_MARKET_PARAMS } from '@marketnode/market';
import { aggregateVoteHash, DEFAULT_ORACLE_PARAMS, submitPrevote, submitVote } from '@marketnode/oracle';
import { PROPOSAL_RESERVE_PARAMS } from '@marketnode/reserve';
import { createNodeState, type NodeGenesis, type NodeState } from '../../src/index.js';

export const TRADER = 'terra1trader';
export const VALIDATORS = [
  { operator: 'terravaloper1alpha', account: 'terra1alpha', tokens: 40_000_000n },
  { operator: 'terravaloper1beta', account: 'terra1beta', tokens: 35_000_000n },
  { operator: 'terravaloper1gamma', account: 'terra1gamma', tokens: 25_000_000n },
] as const;

export const VOTE_PERIOD = 2n;
export const SLASH_WINDOW = 20n;

export function devnetGenesis(): NodeGenesis {
  return {
    market: {
      params: {
        ...DEFAULT_MARKET_PARAMS,
        basePool: dec.fromInt(50_000_000_000_000n),
        poolRecoveryPeriod: 36n,
        minStabilitySpread: dec.parse('0.005'),
      },
    },
    oracle: {
      params: {
        ...DEFAULT_ORACLE_PARAMS,
        votePeriod: VOTE_PERIOD,
        slashWindow: SLASH_WINDOW,
        whitelist: [
          { name: 'usdr', tobinTax: dec.parse('0.0025') },
          { name: 'uusd', tobinTax: dec.parse('0.0025') },
          { name: 'ubtc', tobinTax: dec.parse('0.0025') },
        ],
      },
    },
    reserve: {
      params: PROPOSAL_RESERVE_PARAMS,
      inventoryBtc: 10_000_000_000n,
      inventoryUst: 500_000_000_000n,
    },
    validators: VALIDATORS,
    balances: [
      { account: TRADER, denom: 'uluna', amount: 1_000_000_000_000n },
      { account: TRADER, denom: 'uusd', amount: 1_000_000_000_000n },
      { account: TRADER, denom: 'usdr', amount: 1_000_000_000_000n },
      { account: TRADER, denom: 'ubtc', amount: 1_000_000_000n },
    ],
  };
}

export function devnet(): NodeState {
  return createNodeState(devnetGenesis());
}

/** LUNA at $80: 80 uusd, 60 usdr and 0.002 ubtc (BTC at $40,000) per uluna. */
export const RATES_TEXT = '60.0usdr,80.0uusd,0.002ubtc';

/**
 * Every listed validator prevotes `ratesText` at `height` and reveals it at `height + VOTE_PERIOD`,
 * so the tally at the end of that period sets the rates. Throws if a handler rejects.
 */
export function prevote(
  state: NodeState,
  height: bigint,
  voters: readonly string[],
  ratesText = RATES_TEXT,
): void {
  for (const validator of VALIDATORS.filter((v) => voters.includes(v.operator))) {
    const hash = aggregateVoteHash({ salt: 'salt', exchangeRatesText: ratesText, voter: validator.operator });
    const result = submitPrevote(
      state,
      { feeder: validator.account, validator: validator.operator, hash },
      height,
    );
    if (!result.ok) throw new Error(`prevote rejected: ${result.error.message}`);
  }
}

export function reveal(
  state: NodeState,
  height: bigint,
  voters: readonly string[],
  ratesText = RATES_TEXT,
): void {
  for (const validator of VALIDATORS.filter((v) => voters.includes(v.operator))) {
    const msg = {
      feeder: validator.account,
      validator: validator.operator,
      salt: 'salt',
      exchangeRatesText: ratesText,
    };
    const result = submitVote(state, msg, height);
    if (!result.ok) throw new Error(`vote rejected: ${result.error.message}`);
  }
}

export const ALL_VOTERS = VALIDATORS.map((v) => v.operator);

/**
 * A small node for the decider's tests (after libs/node-state/test/support/devnet.ts): three
 * validators (powers 40/35/25), two traders funded in LUNA, UST, SDR and BTC, the May-2022 market,
 * the proposal's reserve with a short day window, and an oracle with vote period 2 and a slash
 * window of 20 blocks, so whole windows fit in a test. Everything goes through `applyCommand`.
 */
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';
import { DEFAULT_MARKET_PARAMS } from '@marketnode/market';
import { createNodeState, type NodeGenesis, type NodeState } from '@marketnode/node-state';
import { aggregateVoteHash, DEFAULT_ORACLE_PARAMS } from '@marketnode/oracle';
import { PROPOSAL_RESERVE_PARAMS } from '@marketnode/reserve';
import { applyCommand, type Command, type Event, type Swap } from '../../src/index.js';

export const TRADER = 'terra1trader';
export const OTHER_TRADER = 'terra1alice';
export const TRADERS = [TRADER, OTHER_TRADER] as const;
export const VALIDATORS = [
  { operator: 'terravaloper1alpha', account: 'terra1alpha', tokens: 40_000_000n },
  { operator: 'terravaloper1beta', account: 'terra1beta', tokens: 35_000_000n },
  { operator: 'terravaloper1gamma', account: 'terra1gamma', tokens: 25_000_000n },
] as const;
export const OPERATORS = VALIDATORS.map((v) => v.operator);

export const VOTE_PERIOD = 2n;
export const SLASH_WINDOW = 20n;
export const BLOCKS_PER_DAY = 8n;
/** A fixed epoch for block times: the decider never reads a clock, the tests do not either. */
export const GENESIS_TIME_MS = 1_700_000_000_000n;
export const BLOCK_TIME_MS = 6_000n;

export const FUNDS = {
  uluna: 1_000_000_000_000n,
  uusd: 1_000_000_000_000n,
  usdr: 1_000_000_000_000n,
  ubtc: 1_000_000_000n,
};

export interface GenesisOverrides {
  readonly basePool?: Dec;
  readonly exchangeRates?: ReadonlyMap<string, Dec>;
  /** The rates every validator votes in `nodeWithRates`. */
  readonly ratesText?: string;
}

export function devnetGenesis(overrides: GenesisOverrides = {}): NodeGenesis {
  return {
    market: {
      params: {
        ...DEFAULT_MARKET_PARAMS,
        basePool: overrides.basePool ?? dec.fromInt(50_000_000_000_000n),
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
      ...(overrides.exchangeRates === undefined ? {} : { exchangeRates: overrides.exchangeRates }),
    },
    reserve: {
      params: { ...PROPOSAL_RESERVE_PARAMS, blocksPerDay: BLOCKS_PER_DAY },
      inventoryBtc: 10_000_000_000n,
      inventoryUst: 500_000_000_000n,
    },
    validators: VALIDATORS,
    balances: TRADERS.flatMap((account) =>
      Object.entries(FUNDS).map(([denom, amount]) => ({ account, denom, amount })),
    ),
  };
}

export function devnet(overrides: GenesisOverrides = {}): NodeState {
  return createNodeState(devnetGenesis(overrides));
}

/** LUNA at $80: 80 uusd, 60 usdr and 0.002 ubtc (BTC at $40,000) per uluna. */
export const RATES_TEXT = '60.0usdr,80.0uusd,0.002ubtc';
export const SALT = 'salt';

export function endBlockCommand(height: bigint): Command {
  return { type: 'EndBlock', height, timeMs: GENESIS_TIME_MS + height * BLOCK_TIME_MS };
}

export function swapCommand(options: {
  readonly offer: { readonly denom: string; readonly amount: bigint };
  readonly askDenom: string;
  readonly trader?: string;
  readonly receiver?: string;
  readonly requestId?: string;
}): Swap {
  const trader = options.trader ?? TRADER;
  return {
    type: 'Swap',
    requestId: options.requestId ?? 'request-1',
    trader,
    receiver: options.receiver ?? trader,
    offer: options.offer,
    askDenom: options.askDenom,
  };
}

/**
 * A node driven through blocks 0..3 by commands: every validator prevotes `RATES_TEXT` (or the
 * override) in period 0
 * and reveals it in period 1, so the tally at the end of block 3 sets the rates. Returns the next
 * height (4), from which swaps are priced.
 */
export function nodeWithRates(overrides: GenesisOverrides = {}): { state: NodeState; height: bigint } {
  const state = devnet(overrides);
  const ratesText = overrides.ratesText ?? RATES_TEXT;
  const apply = (command: Command, height: bigint): Event[] => applyCommand(state, command, { height });
  for (const v of VALIDATORS) {
    const hash = aggregateVoteHash({ salt: SALT, exchangeRatesText: ratesText, voter: v.operator });
    apply({ type: 'SubmitPrevote', feeder: v.account, validator: v.operator, hash }, 0n);
  }
  apply(endBlockCommand(0n), 0n);
  apply(endBlockCommand(1n), 1n);
  for (const v of VALIDATORS) {
    const vote = { feeder: v.account, validator: v.operator, salt: SALT, exchangeRatesText: ratesText };
    apply({ type: 'SubmitVote', ...vote }, 2n);
  }
  apply(endBlockCommand(2n), 2n);
  apply(endBlockCommand(3n), 3n);
  return { state, height: 4n };
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

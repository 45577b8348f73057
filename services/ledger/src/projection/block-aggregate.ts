/**
 * What happened in one block, summed: swap volume per direction (offered, paid, fees, the spread
 * range), coins minted and burned, the reserve's inflows and outflows, and counts of rejected swaps
 * and oracle messages. Built entry by entry while the block is open; closed by its `EndBlock`.
 */
import * as dec from '@marketnode/dec';
import type { Dec } from '@marketnode/dec';
import type { SwapExecuted } from '@marketnode/events';

export interface DirectionVolume {
  readonly offerDenom: string;
  readonly askDenom: string;
  readonly venue: string;
  swaps: number;
  offered: bigint;
  paid: bigint;
  fees: bigint;
  spreadMin: Dec;
  spreadMax: Dec;
}

export interface BlockAggregate {
  readonly height: bigint;
  /** The engine's clock when the block ended; undefined while it is open. */
  timeMs: bigint | undefined;
  firstSeq: bigint;
  lastSeq: bigint;
  swapsExecuted: number;
  swapsRejected: number;
  oracleMessages: number;
  oracleRejected: number;
  /** Keyed `offerDenom>askDenom`. */
  readonly directions: Map<string, DirectionVolume>;
  readonly minted: Map<string, bigint>;
  readonly burned: Map<string, bigint>;
  readonly reserveIn: Map<string, bigint>;
  readonly reserveOut: Map<string, bigint>;
}

export function emptyBlockAggregate(height: bigint): BlockAggregate {
  return {
    height,
    timeMs: undefined,
    firstSeq: 0n,
    lastSeq: 0n,
    swapsExecuted: 0,
    swapsRejected: 0,
    oracleMessages: 0,
    oracleRejected: 0,
    directions: new Map(),
    minted: new Map(),
    burned: new Map(),
    reserveIn: new Map(),
    reserveOut: new Map(),
  };
}

export function addAmount(amounts: Map<string, bigint>, denom: string, amount: bigint): void {
  if (amount === 0n) return;
  amounts.set(denom, (amounts.get(denom) ?? 0n) + amount);
}

export function addSwapVolume(block: BlockAggregate, swap: SwapExecuted): void {
  const key = `${swap.offer.denom}>${swap.askDenom}`;
  let volume = block.directions.get(key);
  if (volume === undefined) {
    volume = {
      offerDenom: swap.offer.denom,
      askDenom: swap.askDenom,
      venue: swap.venue,
      swaps: 0,
      offered: 0n,
      paid: 0n,
      fees: 0n,
      spreadMin: swap.spread,
      spreadMax: swap.spread,
    };
    block.directions.set(key, volume);
  }
  volume.swaps += 1;
  volume.offered += swap.offer.amount;
  volume.paid += swap.swapCoin.amount;
  volume.fees += swap.feeCoin.amount;
  volume.spreadMin = dec.min(volume.spreadMin, swap.spread);
  volume.spreadMax = dec.max(volume.spreadMax, swap.spread);
  block.swapsExecuted += 1;
}

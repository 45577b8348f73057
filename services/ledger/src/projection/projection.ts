/**
 * The ledger's current view, rebuilt from the log's events alone: balances per account and denom,
 * supplies (genesis, minted, burned) per denom, the three pool deltas, the reserve's flows, and the
 * aggregate of the block being built. Amounts are bigint micro units and `Dec` values (never
 * floats). The append-only projections (account history, rates per vote period, closed blocks) are
 * not kept here: they go straight to the store as each entry is applied (`EntryEffects`).
 */
import { balanceOf, MODULE_ACCOUNTS } from '@marketnode/bank';
import type { Dec } from '@marketnode/dec';
import { createNodeState, type NodeGenesis } from '@marketnode/node-state';
import { emptyBlockAggregate, type BlockAggregate } from './block-aggregate.js';

export interface SupplyRecord {
  readonly genesis: bigint;
  minted: bigint;
  burned: bigint;
}

export interface ReserveFlowRecord {
  readonly genesis: bigint;
  inflow: bigint;
  outflow: bigint;
}

export type PoolName = 'market' | 'reserveEntry' | 'reserveExit';
export const POOL_NAMES: readonly PoolName[] = ['market', 'reserveEntry', 'reserveExit'];

/** The recovery period of each pool, from genesis: the projection recomputes replenishment itself. */
export type PoolRecoveryPeriods = Readonly<Record<PoolName, bigint>>;

export interface Projection {
  /** account -> denom -> amount (> 0; a zero balance is removed, as the bank does). */
  readonly balances: Map<string, Map<string, bigint>>;
  readonly supplies: Map<string, SupplyRecord>;
  /** The sum of all balances per denom, kept as balances change (the audit compares it with supply). */
  readonly balanceSums: Map<string, bigint>;
  readonly pools: Record<PoolName, Dec>;
  readonly recoveryPeriods: PoolRecoveryPeriods;
  /** The reserve account's coins per denom: what it started with, took in and paid out. */
  readonly reserveFlows: Map<string, ReserveFlowRecord>;
  block: BlockAggregate;
  /** The last entry applied: seq 0 and the genesis hash before the first. */
  lastSeq: bigint;
  lastHash: Uint8Array;
  lastHeight: bigint;
}

/** The projection before the first entry: the genesis balances, as the engine's state starts. */
export function createProjection(genesis: NodeGenesis, genesisHash: Uint8Array): Projection {
  const { bank, market, reserve } = createNodeState(genesis);
  const balances = new Map<string, Map<string, bigint>>();
  const balanceSums = new Map<string, bigint>();
  for (const [account, holdings] of bank.balances) {
    balances.set(account, new Map(holdings));
    for (const [denom, amount] of holdings) balanceSums.set(denom, (balanceSums.get(denom) ?? 0n) + amount);
  }
  const supplies = new Map<string, SupplyRecord>();
  for (const [denom, amount] of bank.supply) supplies.set(denom, { genesis: amount, minted: 0n, burned: 0n });
  const reserveFlows = new Map<string, ReserveFlowRecord>();
  for (const denom of [reserve.params.btcDenom, reserve.params.ustDenom]) {
    const held = balanceOf(bank, MODULE_ACCOUNTS.reserve, denom);
    reserveFlows.set(denom, { genesis: held, inflow: 0n, outflow: 0n });
  }
  return {
    balances,
    supplies,
    balanceSums,
    pools: {
      market: market.terraPoolDelta,
      reserveEntry: reserve.entryDeltaUst,
      reserveExit: reserve.exitDeltaUst,
    },
    recoveryPeriods: {
      market: BigInt.asIntN(64, market.params.poolRecoveryPeriod),
      reserveEntry: reserve.params.entry.poolRecoveryPeriod,
      reserveExit: reserve.params.exit.poolRecoveryPeriod,
    },
    reserveFlows,
    block: emptyBlockAggregate(1n),
    lastSeq: 0n,
    lastHash: genesisHash,
    lastHeight: 0n,
  };
}

export function projectedBalance(projection: Projection, account: string, denom: string): bigint {
  return projection.balances.get(account)?.get(denom) ?? 0n;
}

/** The supply a record implies: genesis + minted - burned. */
export function supplyOf(record: SupplyRecord | undefined): bigint {
  return record === undefined ? 0n : record.genesis + record.minted - record.burned;
}

/** The reserve's holding a flow record implies: genesis + inflow - outflow. */
export function inventoryOf(record: ReserveFlowRecord | undefined): bigint {
  return record === undefined ? 0n : record.genesis + record.inflow - record.outflow;
}

/**
 * The audit's lockstep pass: the projection (from the log's events only) and an independent
 * re-execution of the log's commands (`applyCommand` over the node state) advance entry by entry.
 * After each entry every touched account, denom and pool is compared; after each block, all of
 * them. The first difference is reported with its seq and height.
 *
 * Invariants, per denom: supply = genesis + minted - burned = the sum of all balances = the
 * engine's supply; per account and denom: the projected balance = the engine's; the reserve's
 * inventory = genesis + inflows - outflows = its balance; each pool delta, moved by the swaps and
 * the projection's own replenishment = the engine's.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { balanceOf, MODULE_ACCOUNTS } from '@marketnode/bank';
import * as dec from '@marketnode/dec';
import { applyCommand, decodeLogBody } from '@marketnode/events';
import type { LogReader } from '@marketnode/log-store';
import { createNodeState, type NodeGenesis, type NodeState } from '@marketnode/node-state';
import { applyEntry } from '../projection/apply-entry.js';
import {
  createProjection,
  inventoryOf,
  POOL_NAMES,
  projectedBalance,
  supplyOf,
  type PoolName,
  type Projection,
} from '../projection/projection.js';
import { ProjectionChanges } from '../projection/projection-changes.js';
import { AUDIT_CODES, auditFailure, type AuditFailure } from './audit-failure.js';

/** Entries between yields to the event loop (and progress reports). */
export const AUDIT_PROGRESS_ENTRIES = 1024;

export interface InvariantPassOptions {
  readonly reader: LogReader;
  readonly genesis: NodeGenesis;
  readonly toSeq: bigint;
  readonly onProgress?: (progress: { seq: bigint; phase: string }) => void;
}

export async function checkInvariants(options: InvariantPassOptions): Promise<AuditFailure | undefined> {
  const { reader, genesis } = options;
  const state = createNodeState(genesis);
  const projection = createProjection(genesis, reader.genesisHash);
  const changes = new ProjectionChanges();
  let entries = 0;
  for (const entry of reader.readRange(1n, options.toSeq)) {
    const body = decodeLogBody(entry.body);
    applyCommand(state, body.command, { height: entry.height });
    applyEntry(projection, { seq: entry.seq, height: entry.height, hash: entry.hash, body }, changes);
    const what =
      body.command.type === 'EndBlock'
        ? compareAll(projection, state)
        : compareTouched(projection, state, changes);
    changes.clear();
    if (what !== undefined) return auditFailure(what.code, entry, what.detail);
    entries += 1;
    if (entries % AUDIT_PROGRESS_ENTRIES === 0) {
      options.onProgress?.({ seq: entry.seq, phase: 'invariants' });
      await yieldToEventLoop();
    }
  }
  return undefined;
}

interface Difference {
  readonly code: AuditFailure['code'];
  readonly detail: string;
}

function compareTouched(
  projection: Projection,
  state: NodeState,
  changes: ProjectionChanges,
): Difference | undefined {
  for (const [account, denoms] of changes.balances)
    for (const denom of denoms.keys()) {
      const found = compareBalance(projection, state, account, denom);
      if (found !== undefined) return found;
    }
  const denoms = new Set([
    ...changes.supplies.keys(),
    ...[...changes.balances.values()].flatMap((d) => [...d.keys()]),
  ]);
  for (const denom of denoms) {
    const found = compareSupply(projection, state, denom);
    if (found !== undefined) return found;
  }
  for (const denom of changes.reserveFlows.keys()) {
    const found = compareReserve(projection, state, denom);
    if (found !== undefined) return found;
  }
  return changes.pools !== undefined ? comparePools(projection, state) : undefined;
}

function compareAll(projection: Projection, state: NodeState): Difference | undefined {
  const accounts = new Set([...projection.balances.keys(), ...state.bank.balances.keys()]);
  for (const account of [...accounts].sort()) {
    const denoms = new Set([
      ...(projection.balances.get(account)?.keys() ?? []),
      ...(state.bank.balances.get(account)?.keys() ?? []),
    ]);
    for (const denom of [...denoms].sort()) {
      const found = compareBalance(projection, state, account, denom);
      if (found !== undefined) return found;
    }
  }
  const denoms = new Set([...projection.supplies.keys(), ...state.bank.supply.keys()]);
  for (const denom of [...denoms].sort()) {
    const found = compareSupply(projection, state, denom);
    if (found !== undefined) return found;
  }
  for (const denom of [...projection.reserveFlows.keys()].sort()) {
    const found = compareReserve(projection, state, denom);
    if (found !== undefined) return found;
  }
  return comparePools(projection, state);
}

function compareBalance(
  projection: Projection,
  state: NodeState,
  account: string,
  denom: string,
): Difference | undefined {
  const projected = projectedBalance(projection, account, denom);
  const engine = balanceOf(state.bank, account, denom);
  if (projected === engine) return undefined;
  return {
    code: AUDIT_CODES.balance,
    detail: `balance of ${account} in ${denom}: the log's events give ${projected}, re-execution gives ${engine}`,
  };
}

function compareSupply(projection: Projection, state: NodeState, denom: string): Difference | undefined {
  const fromFlows = supplyOf(projection.supplies.get(denom));
  const sumOfBalances = projection.balanceSums.get(denom) ?? 0n;
  const engine = state.bank.supply.get(denom) ?? 0n;
  if (fromFlows === sumOfBalances && sumOfBalances === engine) return undefined;
  return {
    code: AUDIT_CODES.supply,
    detail:
      `supply of ${denom}: genesis + minted - burned = ${fromFlows}, the sum of balances = ${sumOfBalances}, ` +
      `re-execution's supply = ${engine}`,
  };
}

function compareReserve(projection: Projection, state: NodeState, denom: string): Difference | undefined {
  const fromFlows = inventoryOf(projection.reserveFlows.get(denom));
  const held = projectedBalance(projection, MODULE_ACCOUNTS.reserve, denom);
  const engine = balanceOf(state.bank, MODULE_ACCOUNTS.reserve, denom);
  if (fromFlows === held && held === engine) return undefined;
  return {
    code: AUDIT_CODES.reserve,
    detail:
      `reserve inventory of ${denom}: genesis + inflows - outflows = ${fromFlows}, its projected balance = ${held}, ` +
      `re-execution's = ${engine}`,
  };
}

function enginePool(state: NodeState, pool: PoolName): dec.Dec {
  if (pool === 'market') return state.market.terraPoolDelta;
  return pool === 'reserveEntry' ? state.reserve.entryDeltaUst : state.reserve.exitDeltaUst;
}

function comparePools(projection: Projection, state: NodeState): Difference | undefined {
  for (const pool of POOL_NAMES) {
    const projected = projection.pools[pool];
    const engine = enginePool(state, pool);
    if (projected !== engine)
      return {
        code: AUDIT_CODES.poolDelta,
        detail: `${pool} pool delta: recomputed from swaps and replenishment ${dec.format(projected)}, the engine's ${dec.format(engine)}`,
      };
  }
  return undefined;
}

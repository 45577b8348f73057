/**
 * What applying entries changed, collected over a batch so the store writes each touched record
 * once, in the same transaction as the checkpoint. Current records (balances, supplies, pools,
 * reserve flows, the open block) are named here and read back from the projection when written;
 * append-only records (history, rates, closed blocks) are carried whole.
 */
import type { BlockAggregate } from './block-aggregate.js';
import type { RatesRecord } from './rates-record.js';

export interface HistoryAppend {
  readonly account: string;
  readonly seq: bigint;
}

/** The entry that last changed a record: stored with it, so records do not depend on batching. */
export interface ChangedAt {
  readonly seq: bigint;
  readonly height: bigint;
}

export class ProjectionChanges {
  /** account -> denom -> the entry that last changed that balance. */
  readonly balances = new Map<string, Map<string, ChangedAt>>();
  readonly supplies = new Map<string, ChangedAt>();
  readonly reserveFlows = new Map<string, ChangedAt>();
  pools: ChangedAt | undefined;
  readonly history: HistoryAppend[] = [];
  readonly rates: RatesRecord[] = [];
  readonly closedBlocks: BlockAggregate[] = [];

  /** The entry being applied: what the `...Changed` calls record. */
  private current: ChangedAt = { seq: 0n, height: 0n };

  beginEntry(at: ChangedAt): void {
    this.current = at;
  }

  balanceChanged(account: string, denom: string): void {
    let denoms = this.balances.get(account);
    if (denoms === undefined) {
      denoms = new Map();
      this.balances.set(account, denoms);
    }
    denoms.set(denom, this.current);
  }

  supplyChanged(denom: string): void {
    this.supplies.set(denom, this.current);
  }

  reserveFlowChanged(denom: string): void {
    this.reserveFlows.set(denom, this.current);
  }

  poolsChanged(): void {
    this.pools = this.current;
  }

  clear(): void {
    this.balances.clear();
    this.supplies.clear();
    this.reserveFlows.clear();
    this.pools = undefined;
    this.history.length = 0;
    this.rates.length = 0;
    this.closedBlocks.length = 0;
  }
}

/**
 * The projections on disk. `commit` writes every record a batch of entries changed AND the
 * checkpoint (last seq, last hash) in one synchronous, durable LMDB transaction, so after a crash
 * the store holds exactly the projections of the entries up to its checkpoint, and the ledger
 * resumes with the entry after it. `open` loads the current records back into a `Projection`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as dec from '@marketnode/dec';
import type { Database } from 'lmdb';
import type { NodeGenesis } from '@marketnode/node-state';
import { LedgerGenesisMismatchError, LedgerStoreNotFoundError } from '../errors.js';
import { createProjection, POOL_NAMES, type PoolName, type Projection } from '../projection/projection.js';
import { ProjectionChanges, type ChangedAt } from '../projection/projection-changes.js';
import { openLedgerEnvironment, type LedgerEnvironment } from './ledger-environment.js';
import {
  blockFromStored,
  numberKey,
  storedBlock,
  storedRates,
  writtenAt,
  type StoredBalance,
  type StoredBlock,
  type StoredCheckpoint,
  type StoredPool,
  type StoredReserveFlow,
  type StoredSupply,
} from './records.js';

const CHECKPOINT_KEY = 'checkpoint';
const GENESIS_HASH_KEY = 'genesisHash';

export interface OpenProjectionStoreOptions {
  readonly path: string;
  readonly genesis: NodeGenesis;
  readonly genesisHash: Uint8Array;
}

export class ProjectionStore {
  private committedSeq: bigint;

  private constructor(
    readonly env: LedgerEnvironment,
    readonly projection: Projection,
  ) {
    this.committedSeq = projection.lastSeq;
  }

  /** Opens (creating) the store and loads the projection as of its checkpoint. */
  static open(options: OpenProjectionStoreOptions): ProjectionStore {
    const env = openLedgerEnvironment({ path: options.path });
    const genesisHex = Buffer.from(options.genesisHash).toString('hex');
    const meta = env.databases.meta;
    const storedGenesis = meta.get(GENESIS_HASH_KEY) as string | undefined;
    if (storedGenesis !== undefined && storedGenesis !== genesisHex) {
      void env.root.close();
      throw new LedgerGenesisMismatchError(options.path);
    }
    const projection = createProjection(options.genesis, options.genesisHash);
    const store = new ProjectionStore(env, projection);
    if (storedGenesis === undefined) {
      // The genesis hash last: a crash in between leaves a store that is simply initialised again.
      store.commit(genesisChanges(projection));
      meta.putSync(GENESIS_HASH_KEY, genesisHex);
    } else {
      loadProjection(env, projection);
      store.committedSeq = projection.lastSeq;
    }
    return store;
  }

  /** Opens an existing store read-only, for the audit and tools. */
  static openExisting(options: OpenProjectionStoreOptions): ProjectionStore {
    if (!existsSync(join(options.path, 'data.mdb'))) throw new LedgerStoreNotFoundError(options.path);
    return ProjectionStore.open(options);
  }

  /** The last seq applied to the projection (in memory). */
  get lastSeq(): bigint {
    return this.projection.lastSeq;
  }

  /** The checkpoint on disk. */
  get lastCommittedSeq(): bigint {
    return this.committedSeq;
  }

  get lastHash(): Uint8Array {
    return this.projection.lastHash;
  }

  /** Writes the records `changes` names, as the projection has them now, and the checkpoint: atomic, durable. */
  commit(changes: ProjectionChanges): void {
    const { databases, root } = this.env;
    const projection = this.projection;
    root.transactionSync(() => {
      for (const [account, denoms] of changes.balances)
        for (const [denom, at] of denoms) {
          const amount = projection.balances.get(account)?.get(denom);
          const key = [account, denom];
          if (amount === undefined) databases.balances.removeSync(key);
          else
            databases.balances.putSync(key, {
              ...written(at),
              amount: String(amount),
            } satisfies StoredBalance);
        }
      for (const [denom, at] of changes.supplies) {
        const supply = projection.supplies.get(denom);
        if (supply === undefined) continue;
        const record: StoredSupply = {
          ...written(at),
          genesis: String(supply.genesis),
          minted: String(supply.minted),
          burned: String(supply.burned),
        };
        databases.supplies.putSync(denom, record);
      }
      const poolsAt = changes.pools;
      if (poolsAt !== undefined)
        for (const pool of POOL_NAMES)
          databases.pools.putSync(pool, {
            ...written(poolsAt),
            delta: dec.format(projection.pools[pool]),
          } satisfies StoredPool);
      for (const [denom, at] of changes.reserveFlows) {
        const flow = projection.reserveFlows.get(denom);
        if (flow === undefined) continue;
        const record: StoredReserveFlow = {
          ...written(at),
          genesis: String(flow.genesis),
          inflow: String(flow.inflow),
          outflow: String(flow.outflow),
        };
        databases.reserve.putSync(denom, record);
      }
      for (const { account, seq } of changes.history)
        databases.history.putSync([account, numberKey(seq)], true);
      for (const rates of changes.rates) databases.rates.putSync(numberKey(rates.height), storedRates(rates));
      for (const block of changes.closedBlocks)
        databases.blocks.putSync(numberKey(block.height), storedBlock(block));
      // The open block too, so a restart mid-block resumes its aggregate.
      if (projection.block.firstSeq !== 0n)
        databases.blocks.putSync(numberKey(projection.block.height), storedBlock(projection.block));
      const checkpoint: StoredCheckpoint = {
        ...writtenAt(projection.lastSeq, projection.lastHeight),
        hash: Buffer.from(projection.lastHash).toString('hex'),
      };
      databases.meta.putSync(CHECKPOINT_KEY, checkpoint);
    });
    changes.clear();
    this.committedSeq = projection.lastSeq;
  }

  async close(): Promise<void> {
    await this.env.root.close();
  }
}

function written(at: ChangedAt) {
  return writtenAt(at.seq, at.height);
}

/** Every record of the genesis projection, written at seq 0 with the checkpoint "nothing applied". */
function genesisChanges(projection: Projection): ProjectionChanges {
  const changes = new ProjectionChanges();
  for (const [account, holdings] of projection.balances)
    for (const denom of holdings.keys()) changes.balanceChanged(account, denom);
  for (const denom of projection.supplies.keys()) changes.supplyChanged(denom);
  for (const denom of projection.reserveFlows.keys()) changes.reserveFlowChanged(denom);
  changes.poolsChanged();
  return changes;
}

/** The checkpoint seq of a store on disk, read-only (beside a running ledger); 0 before any entry. */
export function readCheckpointSeq(path: string): bigint {
  if (!existsSync(join(path, 'data.mdb'))) return 0n;
  const env = openLedgerEnvironment({ path, readOnly: true });
  try {
    // Read-only, lmdb-js gives no database (undefined) for a name the writer has not created yet.
    const meta = env.databases.meta as Database | undefined;
    const checkpoint = meta?.get(CHECKPOINT_KEY) as StoredCheckpoint | undefined;
    return checkpoint === undefined ? 0n : BigInt(checkpoint.seq);
  } finally {
    void env.root.close();
  }
}

/** Overwrites the genesis projection with the records stored as of the checkpoint (if any). */
function loadProjection(env: LedgerEnvironment, projection: Projection): void {
  const { databases } = env;
  const checkpoint = databases.meta.get(CHECKPOINT_KEY) as StoredCheckpoint | undefined;
  if (checkpoint === undefined) return;
  projection.balances.clear();
  projection.balanceSums.clear();
  for (const { key, value } of databases.balances.getRange({})) {
    const [account, denom] = key as [string, string];
    const amount = BigInt((value as StoredBalance).amount);
    let holdings = projection.balances.get(account);
    if (holdings === undefined) {
      holdings = new Map();
      projection.balances.set(account, holdings);
    }
    holdings.set(denom, amount);
    projection.balanceSums.set(denom, (projection.balanceSums.get(denom) ?? 0n) + amount);
  }
  for (const { key, value } of databases.supplies.getRange({})) {
    const stored = value as StoredSupply;
    projection.supplies.set(key as string, {
      genesis: BigInt(stored.genesis),
      minted: BigInt(stored.minted),
      burned: BigInt(stored.burned),
    });
  }
  for (const { key, value } of databases.pools.getRange({}))
    projection.pools[key as PoolName] = dec.parse((value as StoredPool).delta);
  for (const { key, value } of databases.reserve.getRange({})) {
    const stored = value as StoredReserveFlow;
    projection.reserveFlows.set(key as string, {
      genesis: BigInt(stored.genesis),
      inflow: BigInt(stored.inflow),
      outflow: BigInt(stored.outflow),
    });
  }
  const lastHeight = BigInt(checkpoint.height);
  const openBlock = databases.blocks.get(numberKey(lastHeight)) as StoredBlock | undefined;
  if (openBlock !== undefined) projection.block = blockFromStored(openBlock);
  projection.lastSeq = BigInt(checkpoint.seq);
  projection.lastHeight = lastHeight;
  projection.lastHash = Buffer.from(checkpoint.hash, 'hex');
}

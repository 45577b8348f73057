/**
 * The end of a block for all modules together, in classic-core's EndBlocker order (spec §5):
 * oracle (tally at the last block of a vote period, then the slash window), market
 * (ReplenishPools, after every swap of the block), the reserve (both sides' replenishment, then the
 * day window), and last staking, which drops validators the oracle jailed in this same block.
 *
 * So: rates set by a tally serve swaps from the next block on; a validator jailed at the end of a
 * slash window has no claim in the next tally.
 */
import type { Dec } from '@marketnode/dec';
import { replenishPools } from '@marketnode/market';
import { oracleEndBlock, type OracleEndBlockReport } from '@marketnode/oracle';
import { reserveEndBlock, type ReserveEndBlockResult } from '@marketnode/reserve';
import { stakingEndBlock } from '@marketnode/staking';
import type { NodeState } from './node-state.js';

export interface NodeEndBlockReport {
  readonly height: bigint;
  readonly oracle: OracleEndBlockReport;
  /** What ReplenishPools took off the market's delta (usdr). */
  readonly marketRegressionUsdr: Dec;
  readonly reserve: ReserveEndBlockResult;
  /** Validators that left the bonded set (jailed in this block). */
  readonly unbondedValidators: readonly string[];
}

export function endBlock(state: NodeState, height: bigint): NodeEndBlockReport {
  const oracle = oracleEndBlock({ oracle: state.oracle, staking: state.staking, bank: state.bank }, height);
  const marketRegressionUsdr = replenishPools(state.market);
  const reserve = reserveEndBlock(state.reserve, { height, bank: state.bank });
  const unbondedValidators = stakingEndBlock(state.staking);
  return { height, oracle, marketRegressionUsdr, reserve, unbondedValidators };
}

/**
 * The node's whole state right after block `height` ended, rebuilt by re-executing the log from
 * genesis with the pure core. The replay proves itself on the way (every entry's events and every
 * block's state hash must be what the core computes), so the state returned is the one the engine
 * had, not merely one the log suggests.
 */
import { replayLog, type ReplayProgress } from '@marketnode/log-audit';
import type { LogReader } from '@marketnode/log-store';
import type { NodeGenesis, NodeState } from '@marketnode/node-state';
import { ReplayMismatchError } from './forensics-errors.js';
import { blockEntryOf } from './height-seek.js';

export interface StateAtHeightOptions {
  readonly reader: LogReader;
  readonly genesis: NodeGenesis;
  readonly height: bigint;
  readonly onProgress?: (progress: ReplayProgress) => void;
  readonly signal?: AbortSignal;
}

export interface StateAtHeight {
  readonly state: NodeState;
  readonly height: bigint;
  /** The seq of the block entry of `height`: the last entry applied. */
  readonly seq: bigint;
  /** The state hash the engine recorded for the block, which the replay reproduced. */
  readonly stateHash: Uint8Array;
  readonly entriesReplayed: number;
}

/** Throws HeightNotInLogError when the block has not ended in the log, ReplayMismatchError when the log lies. */
export async function stateAtHeight(options: StateAtHeightOptions): Promise<StateAtHeight> {
  const block = blockEntryOf(options.reader, options.height);
  const replay = await replayLog({
    reader: options.reader,
    genesis: options.genesis,
    toSeq: block.seq,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  if (!replay.ok) throw new ReplayMismatchError(replay.seq, replay.height, replay.kind, replay.detail);
  return {
    state: replay.state,
    height: options.height,
    seq: block.seq,
    stateHash: block.stateHash as Uint8Array,
    entriesReplayed: replay.entriesReplayed,
  };
}

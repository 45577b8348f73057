/**
 * Recovery on start: verify the whole chain, load the latest snapshot (checking it against the
 * state hash of the block entry it follows), rebuild the idempotency index from the entries before
 * it, then replay the rest, proving each entry reproduces its stored bytes and each block entry its
 * state hash. Any difference stops the engine with the first seq that differs: a log that does not
 * replay is never served from.
 */
import {
  applyCommand,
  decodeLogBody,
  decodeState,
  encodeLogBody,
  hashEncodedState,
  stateHash,
  type Event,
} from '@marketnode/events';
import type { LogReader } from '@marketnode/log-store';
import { createNodeState, type NodeGenesis, type NodeState } from '@marketnode/node-state';
import { OutcomeIndex } from './outcome-index.js';
import { hex } from './apply-batch.js';

/** The first block of a fresh log, as in a Cosmos chain. */
export const FIRST_HEIGHT = 1n;
const PROGRESS_EVERY_ENTRIES = 100_000;

export class RecoveryError extends Error {
  override readonly name = 'RecoveryError';
  readonly code = 'ENGINE_ERR_RECOVERY';
  constructor(message: string) {
    super(
      `${message}. The log does not replay to itself; do not serve from it: run \`marketnode log verify\` and restore the data directory from a good copy.`,
    );
  }
}

export interface Recovered {
  readonly state: NodeState;
  /** The block being built next. */
  readonly height: bigint;
  readonly outcomes: OutcomeIndex;
  readonly replayedEntries: number;
}

export interface RecoveryLogger {
  info(object: object, message: string): void;
}

export async function recover(
  log: LogReader,
  genesis: NodeGenesis,
  logger: RecoveryLogger,
): Promise<Recovered> {
  const verified = await log.verifyChain({
    onProgress: (progress) => logger.info({ progress }, 'verifying the log chain'),
  });
  if (!verified.ok)
    throw new RecoveryError(`chain broken at seq ${verified.seq} (${verified.kind}: ${verified.detail})`);

  const outcomes = new OutcomeIndex();
  const snapshot = log.latestSnapshot();
  let state: NodeState;
  let fromSeq = 1n;
  let height = FIRST_HEIGHT;
  if (snapshot === undefined) {
    state = createNodeState(genesis);
  } else {
    const blockEntry = log.entryAt(snapshot.seq);
    const expected = blockEntry?.stateHash;
    if (expected === undefined || hex(hashEncodedState(snapshot.bytes)) !== hex(expected)) {
      throw new RecoveryError(
        `the snapshot at height ${snapshot.height} does not match block entry ${snapshot.seq}`,
      );
    }
    state = decodeState(snapshot.bytes);
    fromSeq = snapshot.seq + 1n;
    height = snapshot.height + 1n;
    for (const entry of log.readRange(1n, snapshot.seq))
      indexOutcome(outcomes, entry.seq, decodeLogBody(entry.body).events);
    logger.info({ height: snapshot.height, seq: snapshot.seq }, 'loaded snapshot');
  }
  let replayedEntries = 0;
  for (const entry of log.readRange(fromSeq)) {
    if (entry.height !== height)
      throw new RecoveryError(`entry ${entry.seq} is at height ${entry.height}, expected ${height}`);
    const { command } = decodeLogBody(entry.body);
    const events = applyCommand(state, command, { height });
    if (Buffer.compare(encodeLogBody(command, events), entry.body) !== 0) {
      throw new RecoveryError(`replaying entry ${entry.seq} (height ${height}) produced different events`);
    }
    indexOutcome(outcomes, entry.seq, events);
    if (command.type === 'EndBlock') {
      if (entry.stateHash === undefined || hex(stateHash(state)) !== hex(entry.stateHash)) {
        throw new RecoveryError(`block ${height} (entry ${entry.seq}) replays to a different state hash`);
      }
      height += 1n;
    }
    replayedEntries += 1;
    if (replayedEntries % PROGRESS_EVERY_ENTRIES === 0)
      logger.info({ replayedEntries, seq: entry.seq }, 'replaying');
  }
  return { state, height, outcomes, replayedEntries };
}

function indexOutcome(outcomes: OutcomeIndex, seq: bigint, events: readonly Event[]): void {
  const first = events[0];
  if (first?.type === 'SwapExecuted' || first?.type === 'SwapRejected')
    outcomes.record(first.trader, first.requestId, seq);
}

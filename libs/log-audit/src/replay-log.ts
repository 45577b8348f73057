/**
 * Replays a log from genesis and proves it reproduces what the engine recorded: for every entry
 * the decider gives the same events (compared as canonical bytes), and for every block entry the
 * state hash after end-of-block equals the one in the entry (and the snapshot taken there, if any,
 * hashes the same). Reports the FIRST entry that differs.
 *
 * The chain itself (hashes, links, seqs) is the log store's `verifyChain`; run it first. This is
 * the other half: that the recorded outcomes are the ones the pure core computes from the inputs.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  applyCommand,
  decodeLogBody,
  encodeEvents,
  hashEncodedState,
  stateHash,
  type Event,
  type LogBody,
} from '@marketnode/events';
import type { LogEntry, LogReader } from '@marketnode/log-store';
import { createNodeState, type NodeGenesis, type NodeState } from '@marketnode/node-state';

/** Entries replayed between two progress reports and yields to the event loop. */
export const REPLAY_PROGRESS_ENTRIES = 1024;

export type ReplayProblemKind =
  | 'undecodable-body'
  | 'replay-failed'
  | 'events-mismatch'
  | 'block-height-mismatch'
  | 'state-hash-missing'
  | 'state-hash-unexpected'
  | 'state-hash-mismatch'
  | 'snapshot-mismatch';

export interface ReplayProgress {
  readonly seq: bigint;
  readonly height: bigint;
  readonly entriesReplayed: number;
}

export type ReplayVerification =
  | {
      readonly ok: true;
      readonly entriesReplayed: number;
      readonly blocksVerified: number;
      /** The last block entry verified (undefined when the log has no block yet). */
      readonly lastBlock: { readonly seq: bigint; readonly height: bigint } | undefined;
      /** The state after the last entry replayed. */
      readonly state: NodeState;
    }
  | {
      readonly ok: false;
      readonly seq: bigint;
      readonly height: bigint;
      readonly kind: ReplayProblemKind;
      readonly detail: string;
      readonly entriesReplayed: number;
      readonly blocksVerified: number;
    };

export interface ReplayLogOptions {
  readonly reader: LogReader;
  readonly genesis: NodeGenesis;
  /** Last seq to replay (default: the end of the log). */
  readonly toSeq?: bigint;
  readonly onProgress?: (progress: ReplayProgress) => void;
  readonly signal?: AbortSignal;
}

type EntryProblem = { readonly kind: ReplayProblemKind; readonly detail: string };

export async function replayLog(options: ReplayLogOptions): Promise<ReplayVerification> {
  const state = createNodeState(options.genesis);
  let entriesReplayed = 0;
  let blocksVerified = 0;
  let lastBlock: { seq: bigint; height: bigint } | undefined;
  for (const entry of options.reader.readRange(1n, options.toSeq)) {
    const problem = replayEntry(state, entry, options.reader);
    if (problem !== undefined)
      return { ok: false, seq: entry.seq, height: entry.height, ...problem, entriesReplayed, blocksVerified };
    entriesReplayed += 1;
    if (entry.stateHash !== undefined) {
      blocksVerified += 1;
      lastBlock = { seq: entry.seq, height: entry.height };
    }
    if (entriesReplayed % REPLAY_PROGRESS_ENTRIES === 0) {
      options.onProgress?.({ seq: entry.seq, height: entry.height, entriesReplayed });
      await yieldToEventLoop();
      options.signal?.throwIfAborted();
    }
  }
  return { ok: true, entriesReplayed, blocksVerified, lastBlock, state };
}

function replayEntry(state: NodeState, entry: LogEntry, reader: LogReader): EntryProblem | undefined {
  let recorded: LogBody;
  try {
    recorded = decodeLogBody(entry.body);
  } catch (error) {
    return { kind: 'undecodable-body', detail: messageOf(error) };
  }
  const { command } = recorded;
  if (command.type === 'EndBlock' && command.height !== entry.height)
    return {
      kind: 'block-height-mismatch',
      detail: `the EndBlock command ends height ${command.height} but the entry is at height ${entry.height}`,
    };
  let produced: Event[];
  try {
    produced = applyCommand(state, command, { height: entry.height });
  } catch (error) {
    return { kind: 'replay-failed', detail: `${command.type}: ${messageOf(error)}` };
  }
  if (!sameBytes(encodeEvents(produced), encodeEvents(recorded.events))) {
    const [replayTypes, logTypes] = [typesOf(produced), typesOf(recorded.events)];
    const detail =
      replayTypes === logTypes
        ? `${command.type}: replay gives [${replayTypes}] with other values than the log has`
        : `${command.type}: replay gives [${replayTypes}], the log has [${logTypes}]`;
    return { kind: 'events-mismatch', detail };
  }
  return command.type === 'EndBlock' ? checkBlockEntry(state, entry, reader) : checkPlainEntry(entry);
}

function checkPlainEntry(entry: LogEntry): EntryProblem | undefined {
  if (entry.stateHash === undefined) return undefined;
  return { kind: 'state-hash-unexpected', detail: 'an entry that ends no block carries a state hash' };
}

function checkBlockEntry(state: NodeState, entry: LogEntry, reader: LogReader): EntryProblem | undefined {
  if (entry.stateHash === undefined)
    return { kind: 'state-hash-missing', detail: 'a block entry without the state hash after end-of-block' };
  const replayed = stateHash(state);
  if (!sameBytes(replayed, entry.stateHash))
    return {
      kind: 'state-hash-mismatch',
      detail: `the log has state hash ${hex(entry.stateHash)}, replay from genesis gives ${hex(replayed)}`,
    };
  const snapshot = reader.snapshotAt(entry.height);
  if (snapshot === undefined || snapshot.seq !== entry.seq) return undefined;
  const snapshotHash = hashEncodedState(snapshot.bytes);
  if (sameBytes(snapshotHash, replayed)) return undefined;
  return {
    kind: 'snapshot-mismatch',
    detail: `the snapshot at height ${entry.height} hashes to ${hex(snapshotHash)}, replay gives ${hex(replayed)}`,
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

function typesOf(events: readonly Event[]): string {
  return events.map((event) => event.type).join(', ');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

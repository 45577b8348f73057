/**
 * One batch, applied synchronously with no await inside: every work item in arrival order, then
 * the block tick when one is due. Produces the log entries to append (one per command) and the
 * actions to run once they are durable (replies, results, block headers). Reads are answered here,
 * against the state as it stands after the commands before them.
 */
import { REJECTIONS, type Rejection } from '@marketnode/errors';
import {
  applyCommand,
  encodeEvent,
  encodeLogBody,
  encodeLogBodyOfEncoded,
  encodeState,
  eventToWire,
  hashEncodedState,
  stateHash,
  type Command,
  type EndBlock,
  type Event,
  type OracleCommand,
  type Swap,
} from '@marketnode/events';
import type { AppendedEntry, NewEntry } from '@marketnode/log-store';
import {
  encodeOkReplyOfEncoded,
  encodeReply,
  errorReply,
  okReply,
  type WireError,
} from '@marketnode/nats-kit';
import type { NodeState } from '@marketnode/node-state';
import type { OutcomeIndex, SwapOutcomeEvent } from './outcome-index.js';
import type { RecordedOutcomes } from './recorded-outcomes.js';
import { answerQuery, answerQuote } from './queries.js';
import type { WorkItem } from './work-item.js';

/** Runs once the batch is durable; `appended` are its entries as stored. */
export type AfterCommit = (appended: readonly AppendedEntry[]) => void;

export interface BlockEndedInfo {
  readonly height: bigint;
  readonly timeMs: bigint;
  /** Index of the block's entry in the batch. */
  readonly entryIndex: number;
  readonly stateHash: Uint8Array;
}

export interface AppliedBatch {
  /** The seq the log gives the batch's first entry (the loop checks it against the append). */
  readonly firstSeq: bigint;
  readonly entries: NewEntry[];
  readonly afterCommit: AfterCommit[];
  readonly oracleResults: {
    readonly validator: string;
    readonly events: readonly Event[];
    readonly entryIndex: number;
  }[];
  readonly blocks: BlockEndedInfo[];
  /** The state after the batch's last entry, which is then a block entry. */
  snapshot?: { readonly bytes: Uint8Array };
  /** Items not applied because a snapshot ended the batch early: they go first next time. */
  carry: WorkItem[];
  /** Whether the due clock tick was applied (not when a snapshot ended the batch first). */
  tickApplied: boolean;
}

/**
 * Told what each command decided, as it is applied (metrics). Implementations only count: they
 * must not throw or touch the state, and they run on the hot path, so they must not allocate per
 * swap.
 */
export interface BatchObserver {
  swapApplied(command: Swap, outcome: SwapOutcomeEvent): void;
  oracleApplied(command: OracleCommand, events: readonly Event[]): void;
  blockEnded(events: readonly Event[]): void;
}

export interface BatchContext {
  readonly state: NodeState;
  readonly outcomes: OutcomeIndex;
  /** The block being built; the batch advances it past every block it ends. */
  height: bigint;
  /** The seq the next entry will get (the log assigns seqs in order); the batch advances it. */
  nextSeq: bigint;
  /** Swap outcomes by seq, in this batch, those committing, or the log (confirms and answers retries). */
  readonly recorded: RecordedOutcomes;
  readonly snapshotIntervalBlocks: bigint;
  readonly now: () => bigint;
  readonly observer?: BatchObserver;
}

const HINTS = new Map(Object.values(REJECTIONS).map((kind) => [kind.code, kind.hint]));

export function wireError(error: Pick<Rejection, 'code' | 'message'>): WireError {
  return { code: error.code, message: error.message, hint: HINTS.get(error.code) ?? '' };
}

export function swapReply(event: SwapOutcomeEvent): Uint8Array {
  if (event.type === 'SwapRejected') return encodeReply(errorReply(wireError(event)));
  return encodeReply(okReply(eventToWire(event)));
}

export function applyBatch(ctx: BatchContext, items: readonly WorkItem[], tickDue: boolean): AppliedBatch {
  const batch: AppliedBatch = {
    firstSeq: ctx.nextSeq,
    entries: [],
    afterCommit: [],
    oracleResults: [],
    blocks: [],
    carry: [],
    tickApplied: false,
  };
  ctx.recorded.applying(batch.firstSeq, batch.entries);
  for (const [index, item] of items.entries()) {
    applyItem(ctx, batch, item);
    if (batch.snapshot !== undefined) {
      batch.carry = items.slice(index + 1);
      return batch;
    }
  }
  if (tickDue) {
    endBlock(ctx, batch);
    batch.tickApplied = true;
  }
  return batch;
}

/** Queues the entry for the batch's append; returns its index in the batch. */
function push(ctx: BatchContext, batch: AppliedBatch, entry: NewEntry): number {
  batch.entries.push(entry);
  ctx.nextSeq += 1n;
  return batch.entries.length - 1;
}

function append(ctx: BatchContext, batch: AppliedBatch, command: Command, events: readonly Event[]): number {
  return push(ctx, batch, { height: ctx.height, body: encodeLogBody(command, events) });
}

function applyItem(ctx: BatchContext, batch: AppliedBatch, item: WorkItem): void {
  switch (item.kind) {
    case 'swap': {
      applySwap(ctx, batch, item);
      return;
    }
    case 'oracle': {
      const command = withCurrentFeeder(ctx.state, item.command);
      const events = applyCommand(ctx.state, command, { height: ctx.height });
      const entryIndex = append(ctx, batch, command, events);
      const validator = command.type === 'DelegateFeedConsent' ? command.operator : command.validator;
      batch.oracleResults.push({ validator, events, entryIndex });
      ctx.observer?.oracleApplied(command, events);
      return;
    }
    case 'query': {
      const value = answerQuery(ctx.state, item.query, ctx.height, item.account);
      batch.afterCommit.push(() => item.respond(encodeReply(okReply(value))));
      return;
    }
    case 'quote': {
      const quoted = answerQuote(ctx.state, item.offer, item.askDenom);
      const reply = quoted.ok ? okReply(quoted.value) : errorReply(wireError(quoted.error));
      batch.afterCommit.push(() => item.respond(encodeReply(reply)));
      return;
    }
    case 'tick': {
      const block = endBlock(ctx, batch);
      batch.afterCommit.push((appended) => {
        const entry = appended[block.entryIndex];
        item.respond(
          encodeReply(
            okReply({ height: block.height, seq: entry?.seq ?? 0n, stateHash: hex(block.stateHash) }),
          ),
        );
      });
      return;
    }
  }
}

/**
 * A swap, or a retry of one: answered with the first outcome's very bytes, re-encoded from its log
 * entry once this batch (so also the original's) is durable.
 */
function applySwap(ctx: BatchContext, batch: AppliedBatch, item: Extract<WorkItem, { kind: 'swap' }>): void {
  const { command, respond } = item;
  const knownSeq = ctx.outcomes.find(command.trader, command.requestId, ctx.recorded);
  if (knownSeq !== undefined) {
    batch.afterCommit.push(() => respond(swapReply(ctx.recorded.outcomeAt(knownSeq))));
    return;
  }
  const events = applyCommand(ctx.state, command, { height: ctx.height });
  const outcome = events[0] as SwapOutcomeEvent;
  ctx.observer?.swapApplied(command, outcome);
  // Each event is encoded once, for the log and for the reply: on the hot path, encoding is most of
  // a swap's cost. A SwapExecuted holds no bigint, so its canonical bytes are also exactly what the
  // wire codec would write for it (the engine's swap tests decode and compare).
  const encoded = events.map(encodeEvent);
  const seq = ctx.nextSeq;
  push(ctx, batch, { height: ctx.height, body: encodeLogBodyOfEncoded(command, encoded) });
  const reply =
    outcome.type === 'SwapExecuted' ? encodeOkReplyOfEncoded(encoded[0] as Uint8Array) : swapReply(outcome);
  ctx.outcomes.record(command.trader, command.requestId, seq);
  batch.afterCommit.push(() => respond(reply));
}

/**
 * The transport authenticated the sender as allowed to act for the validator (docs/protocol.md),
 * so the message is signed by the validator's feeder as the state knows it now: its registered
 * delegate, else its own account.
 */
function withCurrentFeeder(state: NodeState, command: OracleCommand): OracleCommand {
  if (command.type === 'DelegateFeedConsent') return command;
  const { validator } = command;
  const feeder =
    state.oracle.feederDelegations.get(validator) ??
    state.staking.validators.get(validator)?.account ??
    validator;
  return { ...command, feeder };
}

/** Ends the block being built: the EndBlock command, its state hash, a snapshot every interval. */
function endBlock(ctx: BatchContext, batch: AppliedBatch): BlockEndedInfo {
  const command: EndBlock = { type: 'EndBlock', height: ctx.height, timeMs: ctx.now() };
  const events = applyCommand(ctx.state, command, { height: ctx.height });
  ctx.observer?.blockEnded(events);
  let hash: Uint8Array;
  if (ctx.height % ctx.snapshotIntervalBlocks === 0n) {
    const bytes = encodeState(ctx.state);
    hash = hashEncodedState(bytes);
    batch.snapshot = { bytes };
  } else {
    hash = stateHash(ctx.state);
  }
  const entryIndex = push(ctx, batch, {
    height: ctx.height,
    body: encodeLogBody(command, events),
    stateHash: hash,
  });
  const block = {
    height: ctx.height,
    timeMs: command.timeMs,
    entryIndex,
    stateHash: hash,
  };
  batch.blocks.push(block);
  ctx.height += 1n;
  return block;
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

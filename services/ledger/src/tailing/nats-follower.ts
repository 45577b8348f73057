/**
 * Follows the log from another host: the engine's committed entries on `events.committed.<seq>`
 * (MarketClient.subscribeCommitted), with catch-up and gap repair through `log.range`.
 *
 * The subscription starts first, so nothing published during the catch-up is missed. Each entry's
 * bytes are decoded and checked (`decodeEntry`, its seq against the subject's, its own hash), then
 * linked to the checkpoint by the projector. A message whose first seq does not follow the last
 * applied one is a gap (a message lost, or dropped by the bounded stream buffer): the missing
 * entries are read with `log.range` before the message is applied. Entries at or below the last
 * applied seq (overlap after a catch-up) are skipped. Commits are batched: every
 * `NATS_COMMIT_ENTRIES_MAX` entries, and when the stream goes quiet.
 */
import { decodeEntry, entryHashMatches, type LogEntry } from '@marketnode/log-store';
import type { CommittedMessage } from '@marketnode/market-client';
import { integerOf, requestWire, SUBJECTS, type SharedInboxRequester } from '@marketnode/nats-kit';
import { LedgerChainBreakError, LedgerError } from '../errors.js';
import type { Projector } from '../projection/projector.js';
import { LOG_RANGE_ENTRIES_MAX } from './range-server.js';

export const NATS_COMMIT_ENTRIES_MAX = 1024;
/** While the stream is quiet, what was applied is committed at least this often. */
export const NATS_COMMIT_QUIET_MS = 50;

export interface NatsFollowOptions {
  /** `MarketClient.subscribeCommitted()`, or anything yielding its messages in order. */
  readonly stream: AsyncIterable<CommittedMessage>;
  readonly requester: SharedInboxRequester;
  readonly projector: Projector;
  readonly onCommitted?: (lastSeq: bigint) => void;
  /** A gap in the stream was found and repaired: `missing` entries read with log.range. */
  readonly onGapRepaired?: (gap: { readonly fromSeq: bigint; readonly toSeq: bigint }) => void;
  /** The log's last seq as the engine reported it (range replies): for the lag metric. */
  readonly onLogTip?: (lastSeq: bigint) => void;
}

/** Catches up, then applies the stream until it ends; rejects on a broken chain or a failed repair. */
export async function followNatsStream(options: NatsFollowOptions): Promise<void> {
  const { projector, stream } = options;
  await catchUp(options, undefined);
  const quiet = setInterval(() => commit(options), NATS_COMMIT_QUIET_MS);
  try {
    for await (const message of stream) {
      if (message.seq <= projector.lastSeq) continue;
      if (message.seq > projector.lastSeq + 1n) {
        const fromSeq = projector.lastSeq + 1n;
        await catchUp(options, message.seq - 1n);
        options.onGapRepaired?.({ fromSeq, toSeq: message.seq - 1n });
        if (message.seq <= projector.lastSeq) continue;
      }
      projector.apply(checkedEntry(message));
      if (projector.uncommitted >= NATS_COMMIT_ENTRIES_MAX) commit(options);
    }
  } finally {
    clearInterval(quiet);
    commit(options);
  }
}

function commit(options: NatsFollowOptions): void {
  if (options.projector.uncommitted === 0) return;
  options.projector.commit();
  options.onCommitted?.(options.projector.lastSeq);
}

/** Reads `log.range` until `toSeq` is applied (or, without `toSeq`, until the log's end). */
async function catchUp(options: NatsFollowOptions, toSeq: bigint | undefined): Promise<void> {
  const { projector } = options;
  for (;;) {
    if (toSeq !== undefined && projector.lastSeq >= toSeq) break;
    const fromSeq = projector.lastSeq + 1n;
    const reply = await requestWire(options.requester, {
      subject: SUBJECTS.logRange,
      value: { fromSeq, limit: LOG_RANGE_ENTRIES_MAX },
    }).catch((error: unknown) => {
      // No responders or a timeout: nothing on the engine's host serves log.range.
      throw new LedgerError(
        'LEDGER_ERR_CATCH_UP_FAILED',
        `log.range from seq ${fromSeq} got no answer (${String(error)}): run a ledger beside the engine`,
        { cause: error },
      );
    });
    if (!reply.ok)
      throw new LedgerError(
        'LEDGER_ERR_CATCH_UP_FAILED',
        `log.range from seq ${fromSeq}: ${reply.error.code} ${reply.error.message}`,
      );
    const { entries, lastSeq } = readRangeReply(reply.value);
    options.onLogTip?.(lastSeq);
    entries.forEach((bytes, index) => projector.apply(checkedEntry({ seq: fromSeq + BigInt(index), bytes })));
    commit(options);
    if (entries.length === 0) {
      if (toSeq === undefined || lastSeq >= toSeq) break;
      throw new LedgerError(
        'LEDGER_ERR_CATCH_UP_FAILED',
        `log.range has nothing from seq ${fromSeq} but seq ${toSeq} was published`,
      );
    }
  }
}

function readRangeReply(value: unknown): { entries: Uint8Array[]; lastSeq: bigint } {
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const entries = record['entries'];
  const lastSeq = integerOf(record['lastSeq']);
  if (!Array.isArray(entries) || !entries.every((e) => e instanceof Uint8Array) || lastSeq === undefined)
    throw new LedgerError(
      'LEDGER_ERR_CATCH_UP_FAILED',
      'log.range answered something that is not { entries, lastSeq }',
    );
  return { entries: entries as Uint8Array[], lastSeq };
}

/** The entry the bytes hold, its seq the one it was published under, its seal intact. */
function checkedEntry(message: CommittedMessage): LogEntry {
  let entry: LogEntry;
  try {
    entry = decodeEntry(message.bytes);
  } catch (error) {
    throw new LedgerChainBreakError(message.seq, `its bytes are not a log entry (${String(error)})`);
  }
  if (entry.seq !== message.seq)
    throw new LedgerChainBreakError(message.seq, `the bytes hold entry ${entry.seq}`);
  if (!entryHashMatches(entry))
    throw new LedgerChainBreakError(message.seq, 'its hash does not match its bytes');
  return entry;
}

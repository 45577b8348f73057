/**
 * Serves `log.range` from a reader of the engine's log: consecutive stored entries from `fromSeq`,
 * at most `limit` (<= LOG_RANGE_ENTRIES_MAX) and at most `LOG_RANGE_REPLY_BYTES_MAX` of entry bytes,
 * so the reply fits the 64 KiB payload limit. A local ledger runs it (it has the reader open
 * anyway); remote ledgers use it to catch up and to repair gaps in the committed stream.
 *
 * Request `{ fromSeq, limit? }`; reply `{ entries: [stored bytes...], lastSeq }` where `lastSeq` is the
 * log's last seq when read. An entry too large for a reply by itself is refused
 * (`LEDGER_ERR_RANGE_ENTRY_TOO_LARGE`): entries are a command and its events, far below the limit.
 */
import { integerOf, PAYLOAD_BYTES_MAX, SUBJECTS } from '@marketnode/nats-kit';
import type { LogReader } from '@marketnode/log-store';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { LedgerError } from '../errors.js';
import { invalidRequest, positiveUint64Field, respond } from '../queries/responder.js';

export const LOG_RANGE_ENTRIES_MAX = 512;
const UINT64_MAX = (1n << 64n) - 1n;
/** Room for the reply's envelope and per-entry headers under the payload limit. */
export const LOG_RANGE_REPLY_BYTES_MAX = PAYLOAD_BYTES_MAX - 4 * 1024;

export interface LogRangeReply {
  readonly entries: Uint8Array[];
  readonly lastSeq: bigint;
}

export function readLogRange(reader: LogReader, request: Readonly<Record<string, unknown>>): LogRangeReply {
  const fromSeq = positiveUint64Field(request, 'fromSeq');
  const limitField = request['limit'] ?? LOG_RANGE_ENTRIES_MAX;
  const limit = integerOf(limitField);
  if (limit === undefined || limit < 1n || limit > BigInt(LOG_RANGE_ENTRIES_MAX))
    throw invalidRequest('limit', `an integer from 1 to ${LOG_RANGE_ENTRIES_MAX}`);
  const lastSeq = reader.lastEntry()?.seq ?? 0n;
  const entries: Uint8Array[] = [];
  let bytes = 0;
  const toSeq = fromSeq + limit - 1n;
  for (const entry of reader.readRange(fromSeq, toSeq > UINT64_MAX ? UINT64_MAX : toSeq)) {
    bytes += entry.bytes.byteLength + 5;
    if (bytes > LOG_RANGE_REPLY_BYTES_MAX) {
      if (entries.length > 0) break;
      throw new LedgerError(
        'LEDGER_ERR_RANGE_ENTRY_TOO_LARGE',
        `entry ${entry.seq} (${entry.bytes.byteLength} bytes) does not fit a log.range reply; read the log on its host`,
      );
    }
    entries.push(entry.bytes);
  }
  return { entries, lastSeq };
}

export function serveLogRange(options: {
  readonly nc: NatsConnection;
  readonly reader: LogReader;
  readonly onError?: (error: unknown) => void;
}): Subscription {
  return respond({
    nc: options.nc,
    subject: SUBJECTS.logRange,
    handler: (request) => readLogRange(options.reader, request),
    ...(options.onError === undefined ? {} : { onError: options.onError }),
  });
}

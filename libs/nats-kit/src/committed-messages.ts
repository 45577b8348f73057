/**
 * How committed log entries travel on `events.committed.<seq>`. The engine commits batches of up to
 * thousands of entries; one message per batch would exceed the payload limit under load, one
 * message per entry would cost a publish each. So consecutive entries are packed into messages of
 * at most `PAYLOAD_BYTES_MAX` bytes: a msgpack list of the entries' stored bytes, the first entry's
 * seq in the subject. An entry too large to fit a message by itself (a log entry may reach
 * megabytes) travels alone as its raw stored bytes, a msgpack map, which a reader tells apart from a
 * list by its first byte and never has to decode under the wire limit.
 */
import { encodePayload, PAYLOAD_BYTES_MAX } from './codec.js';
import { committedSubject } from './subjects.js';

export interface CommittedEntryBytes {
  readonly seq: bigint;
  readonly bytes: Uint8Array;
}

export interface CommittedMessage {
  readonly subject: string;
  readonly payload: Uint8Array;
}

/** msgpack list header (5) plus a bin header (5) per entry: the most the packing adds. */
const LIST_HEADER_BYTES_MAX = 5;
const BIN_HEADER_BYTES_MAX = 5;

/** Packs consecutive entries (in seq order) into as few messages as the payload limit allows. */
export function packCommittedEntries(
  entries: readonly CommittedEntryBytes[],
  options: { readonly bytesMax?: number } = {},
): CommittedMessage[] {
  const bytesMax = options.bytesMax ?? PAYLOAD_BYTES_MAX;
  const messages: CommittedMessage[] = [];
  let group: CommittedEntryBytes[] = [];
  let groupBytes = LIST_HEADER_BYTES_MAX;
  const flush = () => {
    const first = group[0];
    if (first === undefined) return;
    const payload = encodePayload(
      group.map((entry) => entry.bytes),
      { bytesMax },
    );
    messages.push({ subject: committedSubject(first.seq), payload });
    group = [];
    groupBytes = LIST_HEADER_BYTES_MAX;
  };
  for (const entry of entries) {
    const entryBytes = entry.bytes.byteLength + BIN_HEADER_BYTES_MAX;
    if (LIST_HEADER_BYTES_MAX + entryBytes > bytesMax) {
      flush();
      messages.push({ subject: committedSubject(entry.seq), payload: entry.bytes });
      continue;
    }
    if (groupBytes + entryBytes > bytesMax) flush();
    group.push(entry);
    groupBytes += entryBytes;
  }
  flush();
  return messages;
}

/** True when a committed message is one entry's raw stored bytes (a msgpack map), not a list. */
export function isSingleCommittedEntry(payload: Uint8Array): boolean {
  const first = payload[0];
  if (first === undefined) return false;
  return (first >= 0x80 && first <= 0x8f) || first === 0xde || first === 0xdf;
}

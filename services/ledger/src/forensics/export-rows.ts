/**
 * `export`: the log as rows for spreadsheets and data tools, one row per entry or one per swap,
 * every value a string (amounts as integer micro-units, rates and spreads as canonical 18-decimal
 * text), so CSV and JSON lines carry exactly the same values and nothing loses precision.
 *
 * Every row has every column of its kind, in order (empty when it does not apply).
 *
 * An entry row carries its stored body as hex: the command and events decode from it exactly, and
 * seq, hash and prevHash let a reader check it against the chain.
 */
import * as dec from '@marketnode/dec';
import type { Event } from '@marketnode/events';
import { scanLog, type DecodedEntry, type ScanLogOptions } from './scan-log.js';

export type ExportKind = 'entries' | 'swaps';
export type ExportRow = Readonly<Record<string, string>>;

export const ENTRY_COLUMNS = [
  'seq',
  'height',
  'hash',
  'prevHash',
  'stateHash',
  'command',
  'events',
  'body',
] as const;

export const SWAP_COLUMNS = [
  'seq',
  'height',
  'requestId',
  'trader',
  'receiver',
  'outcome',
  'code',
  'message',
  'venue',
  'offerAmount',
  'offerDenom',
  'askDenom',
  'receivedAmount',
  'offerRate',
  'askRate',
  'spread',
  'feeAmount',
  'feeDenom',
  'poolDeltaDenom',
  'poolDeltaBefore',
  'poolDeltaAfter',
] as const;

export function columnsOf(kind: ExportKind): readonly string[] {
  return kind === 'entries' ? ENTRY_COLUMNS : SWAP_COLUMNS;
}

export async function* exportRows(
  options: ScanLogOptions & { readonly kind: ExportKind },
): AsyncGenerator<ExportRow, void, undefined> {
  const columns = columnsOf(options.kind);
  for await (const decoded of scanLog(options)) {
    if (options.kind === 'entries') yield entryRow(decoded);
    else for (const row of swapRows(decoded)) yield withEveryColumn(columns, row);
  }
}

/** A rejected swap has no venue or amounts: its row holds them as empty strings, like CSV. */
function withEveryColumn(columns: readonly string[], row: ExportRow): ExportRow {
  return Object.fromEntries(columns.map((column) => [column, row[column] ?? '']));
}

export function entryRow({ entry, body }: DecodedEntry): ExportRow {
  return {
    seq: String(entry.seq),
    height: String(entry.height),
    hash: hex(entry.hash),
    prevHash: hex(entry.prevHash),
    stateHash: entry.stateHash === undefined ? '' : hex(entry.stateHash),
    command: body.command.type,
    events: body.events.map((event) => event.type).join('|'),
    body: hex(entry.body),
  };
}

export function swapRows({ entry, body }: DecodedEntry): ExportRow[] {
  const at = { seq: String(entry.seq), height: String(entry.height) };
  return body.events.flatMap((event) => {
    const row = swapRow(event);
    return row === undefined ? [] : [{ ...at, ...row }];
  });
}

function swapRow(event: Event): ExportRow | undefined {
  if (event.type === 'SwapRejected')
    return {
      requestId: event.requestId,
      trader: event.trader,
      outcome: 'rejected',
      code: event.code,
      message: event.message,
    };
  if (event.type !== 'SwapExecuted') return undefined;
  return {
    requestId: event.requestId,
    trader: event.trader,
    receiver: event.receiver,
    outcome: 'executed',
    venue: event.venue,
    offerAmount: String(event.offer.amount),
    offerDenom: event.offer.denom,
    askDenom: event.askDenom,
    receivedAmount: String(event.swapCoin.amount),
    offerRate: dec.format(event.offerRate),
    askRate: dec.format(event.askRate),
    spread: dec.format(event.spread),
    feeAmount: String(event.feeCoin.amount),
    feeDenom: event.feeCoin.denom,
    poolDeltaDenom: event.poolDeltaDenom,
    poolDeltaBefore: dec.format(event.poolDeltaBefore),
    poolDeltaAfter: dec.format(event.poolDeltaAfter),
  };
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

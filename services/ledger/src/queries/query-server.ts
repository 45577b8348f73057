/**
 * The ledger's queries over NATS (request/reply, msgpack, typed error replies like the engine's):
 * balances of an account, supplies, an account's history, one block's aggregate. Balances and
 * supplies come from the projection in memory (the last entry applied); history and blocks from the
 * store (the last checkpoint). Every answer names the seq it is as of.
 */
import * as dec from '@marketnode/dec';
import { integerOf, isSubjectToken, ledgerQuerySubject, type LedgerQueryKind } from '@marketnode/nats-kit';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { LedgerError } from '../errors.js';
import { supplyOf } from '../projection/projection.js';
import type { ProjectionStore } from '../store/projection-store.js';
import { blockFromStored, numberKey, type StoredBlock } from '../store/records.js';
import { invalidRequest, positiveUint64Field, respond, type Handler } from './responder.js';

/** At most this many seqs in one history answer; page on with `fromSeq`. */
export const HISTORY_PAGE_SEQS_MAX = 1000;

export function serveLedgerQueries(options: {
  readonly nc: NatsConnection;
  readonly store: ProjectionStore;
  readonly onError?: (error: unknown) => void;
}): Subscription[] {
  const { store } = options;
  const handlers: Record<LedgerQueryKind, Handler> = {
    balances: (request) => balances(store, request),
    supplies: () => supplies(store),
    history: (request) => history(store, request),
    block: (request) => block(store, request),
  };
  return Object.entries(handlers).map(([kind, handler]) =>
    respond({
      nc: options.nc,
      subject: ledgerQuerySubject(kind as LedgerQueryKind),
      handler,
      ...(options.onError === undefined ? {} : { onError: options.onError }),
    }),
  );
}

function accountOf(request: Readonly<Record<string, unknown>>): string {
  const account = request['account'];
  if (typeof account !== 'string' || !isSubjectToken(account) || account.length === 0)
    throw invalidRequest('account', 'an account name of letters, digits, "_", "-" (or a module:<name>)');
  return account;
}

function balances(store: ProjectionStore, request: Readonly<Record<string, unknown>>) {
  const account = readAccount(request);
  const holdings = store.projection.balances.get(account) ?? new Map<string, bigint>();
  return {
    account,
    balances: Object.fromEntries([...holdings].sort(([a], [b]) => (a < b ? -1 : 1))),
    seq: store.lastSeq,
  };
}

/** Module accounts (`module:oracle`) are queryable too; their names are not subject tokens. */
function readAccount(request: Readonly<Record<string, unknown>>): string {
  const account = request['account'];
  if (typeof account === 'string' && /^module:[a-z_]{1,32}$/.test(account)) return account;
  return accountOf(request);
}

function supplies(store: ProjectionStore) {
  const { projection } = store;
  const result: Record<string, { genesis: bigint; minted: bigint; burned: bigint; supply: bigint }> = {};
  for (const denom of [...projection.supplies.keys()].sort()) {
    const record = projection.supplies.get(denom);
    if (record === undefined) continue;
    result[denom] = {
      genesis: record.genesis,
      minted: record.minted,
      burned: record.burned,
      supply: supplyOf(record),
    };
  }
  return { supplies: result, seq: store.lastSeq };
}

function history(store: ProjectionStore, request: Readonly<Record<string, unknown>>) {
  const account = readAccount(request);
  const fromSeq = positiveUint64Field(request, 'fromSeq', 1n);
  const limit = integerOf(request['limit'] ?? HISTORY_PAGE_SEQS_MAX) ?? 0n;
  if (limit < 1n || limit > BigInt(HISTORY_PAGE_SEQS_MAX))
    throw invalidRequest('limit', `an integer from 1 to ${HISTORY_PAGE_SEQS_MAX}`);
  const seqs: bigint[] = [];
  for (const key of store.env.databases.history.getKeys({
    start: [account, numberKey(fromSeq)],
    end: [account, numberKey((1n << 64n) - 1n)],
    limit: Number(limit) + 1,
  }))
    seqs.push(BigInt((key as [string, string])[1]));
  const next = seqs.length > Number(limit) ? seqs.pop() : undefined;
  return { account, seqs, ...(next === undefined ? {} : { nextFromSeq: next }), seq: store.lastCommittedSeq };
}

function block(store: ProjectionStore, request: Readonly<Record<string, unknown>>) {
  const height = positiveUint64Field(request, 'height');
  const stored = store.env.databases.blocks.get(numberKey(height)) as StoredBlock | undefined;
  if (stored === undefined)
    throw new LedgerError(
      'LEDGER_ERR_NOT_FOUND',
      `no block ${height} in the ledger yet (it is at seq ${store.lastCommittedSeq})`,
    );
  const aggregate = blockFromStored(stored);
  return {
    ...aggregate,
    closed: aggregate.timeMs !== undefined,
    timeMs: aggregate.timeMs ?? null,
    directions: [...aggregate.directions.values()].map((volume) => ({
      ...volume,
      spreadMin: dec.format(volume.spreadMin),
      spreadMax: dec.format(volume.spreadMax),
    })),
    minted: Object.fromEntries(aggregate.minted),
    burned: Object.fromEntries(aggregate.burned),
    reserveIn: Object.fromEntries(aggregate.reserveIn),
    reserveOut: Object.fromEntries(aggregate.reserveOut),
  };
}

/**
 * Every NATS subject of the node, in one place (the README shows the same table).
 *
 * Identity lives in the subject, never only in the payload: a trader sends swaps on
 * `market.swap.<trader>` and a validator's feeder votes on `oracle.<validator>.vote`, so NATS
 * per-subject permissions can bind a user to its own subjects, and the engine derives the trader or
 * validator from the subject it received on (DESIGN "Security"). A token must therefore never change
 * the subject's shape: tokens are letters, digits, `_` and `-` only, which rules out `.` (a level
 * separator), `*` and `>` (wildcards), whitespace (a protocol delimiter), control characters and `$`
 * (NATS reserves `$` subjects for the system).
 */
import { InvalidSubjectTokenError } from './errors.js';

/** A bech32 address is about 45 characters; this leaves room for contract-length names. */
export const SUBJECT_TOKEN_CHARS_MAX = 128;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]+$/;
const SEQ_PATTERN = /^(0|[1-9][0-9]*)$/;
const SEQ_MAX = (1n << 64n) - 1n; // the log's keys are 8 bytes

export const QUERY_KINDS = ['quote', 'pool', 'rates', 'params', 'balance', 'reserve'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export const ORACLE_ACTIONS = ['delegate', 'prevote', 'vote'] as const;
export type OracleAction = (typeof ORACLE_ACTIONS)[number];

/** The fixed subjects and the wildcard patterns the engine and the tails subscribe to. */
export const SUBJECTS = {
  /** Engine subscribes: swap requests, the trader is the third token. */
  swaps: 'market.swap.*',
  /** Engine subscribes: swap-and-send requests (payload names the receiver). */
  swapSends: 'market.swap-send.*',
  /** Engine subscribes: every query, including the side-effect-free swap quote. */
  queries: 'market.query.*',
  /** Engine publishes after commit, one message per log entry; the seq makes gaps visible. */
  committed: 'events.committed.*',
  /** Engine publishes after each block's commit. */
  blockHeader: 'blocks.header',
  /** Feeders subscribe to their own validator's results; tools may watch all of them. */
  oracleResults: 'oracle.*.result',
  /**
   * Request/reply: a range of stored log entries, served by a process that reads the engine's log on
   * its host (a local ledger); remote ledgers catch up and repair gaps with it.
   */
  logRange: 'log.range',
  /** Feeders' NATS price sources subscribe to one of these; simulations and recorders publish. */
  prices: 'prices.*',
} as const;

/** `prices.<source>`: published price quotes `{ base, quote, price, timestampMs }` of one source. */
export function pricesSubject(source: string): string {
  assertSubjectToken(source, 'price source');
  return `prices.${source}`;
}

export const LEDGER_QUERY_KINDS = ['balances', 'supplies', 'history', 'block'] as const;
export type LedgerQueryKind = (typeof LEDGER_QUERY_KINDS)[number];

/** `ledger.query.<kind>`: request/reply to a ledger's projections, no side effect. */
export function ledgerQuerySubject(kind: LedgerQueryKind): string {
  return `ledger.query.${kind}`;
}

/** Throws `InvalidSubjectTokenError` unless `token` is one safe subject token. */
export function assertSubjectToken(token: string, role: string): void {
  if (token.length === 0) throw new InvalidSubjectTokenError(role, token, 'it is empty');
  if (token.length > SUBJECT_TOKEN_CHARS_MAX)
    throw new InvalidSubjectTokenError(
      role,
      token,
      `it is longer than ${SUBJECT_TOKEN_CHARS_MAX} characters`,
    );
  if (!TOKEN_PATTERN.test(token))
    throw new InvalidSubjectTokenError(role, token, 'use only letters, digits, "_" and "-"');
}

export function isSubjectToken(token: string): boolean {
  return token.length <= SUBJECT_TOKEN_CHARS_MAX && TOKEN_PATTERN.test(token);
}

/** `market.swap.<trader>`: request/reply; swap from the trader's balance to the trader. */
export function swapSubject(trader: string): string {
  assertSubjectToken(trader, 'trader');
  return `market.swap.${trader}`;
}

/** `market.swap-send.<trader>`: request/reply; swap from the trader's balance to the payload's receiver. */
export function swapSendSubject(trader: string): string {
  assertSubjectToken(trader, 'trader');
  return `market.swap-send.${trader}`;
}

/** `market.query.<kind>`: request/reply, no side effect. */
export function querySubject(kind: QueryKind): string {
  return `market.query.${kind}`;
}

/** `oracle.<validator>.<action>`: fire-and-forget; the outcome comes on the validator's result subject. */
export function oracleSubject(options: { validator: string; action: OracleAction }): string {
  assertSubjectToken(options.validator, 'validator');
  return `oracle.${options.validator}.${options.action}`;
}

/** The engine's subscription for one oracle action of every validator, e.g. `oracle.*.vote`. */
export function oracleActionPattern(action: OracleAction): string {
  return `oracle.*.${action}`;
}

/** `oracle.<validator>.result`: the engine publishes the outcome of each oracle message. */
export function oracleResultSubject(validator: string): string {
  assertSubjectToken(validator, 'validator');
  return `oracle.${validator}.result`;
}

/** `events.committed.<seq>`: the committed log entry `seq` (decimal, no leading zeros). */
export function committedSubject(seq: bigint): string {
  if (seq < 0n || seq > SEQ_MAX)
    throw new InvalidSubjectTokenError('sequence', String(seq), 'it must be an unsigned 64-bit integer');
  return `events.committed.${seq}`;
}

export type ParsedSubject =
  | { readonly kind: 'swap'; readonly trader: string }
  | { readonly kind: 'swapSend'; readonly trader: string }
  | { readonly kind: 'query'; readonly query: QueryKind }
  | { readonly kind: 'oracle'; readonly validator: string; readonly action: OracleAction }
  | { readonly kind: 'oracleResult'; readonly validator: string }
  | { readonly kind: 'committed'; readonly seq: bigint }
  | { readonly kind: 'blockHeader' };

/**
 * The meaning of a received subject, with the identity read back out of it; `undefined` for any
 * subject that is not in the table or whose identity token is not a safe token.
 */
export function parseSubject(subject: string): ParsedSubject | undefined {
  const tokens = subject.split('.');
  if (tokens.length === 2) return subject === SUBJECTS.blockHeader ? { kind: 'blockHeader' } : undefined;
  if (tokens.length !== 3) return undefined;
  const [first, second, third] = tokens as [string, string, string];
  switch (first) {
    case 'market':
      return parseMarketSubject(second, third);
    case 'oracle':
      return parseOracleSubject(second, third);
    case 'events':
      return second === 'committed' ? parseCommittedSeq(third) : undefined;
    default:
      return undefined;
  }
}

function parseMarketSubject(second: string, third: string): ParsedSubject | undefined {
  if (second === 'query') return isQueryKind(third) ? { kind: 'query', query: third } : undefined;
  if (!isSubjectToken(third)) return undefined;
  if (second === 'swap') return { kind: 'swap', trader: third };
  if (second === 'swap-send') return { kind: 'swapSend', trader: third };
  return undefined;
}

function parseOracleSubject(validator: string, action: string): ParsedSubject | undefined {
  if (!isSubjectToken(validator)) return undefined;
  if (action === 'result') return { kind: 'oracleResult', validator };
  return isOracleAction(action) ? { kind: 'oracle', validator, action } : undefined;
}

function parseCommittedSeq(token: string): ParsedSubject | undefined {
  if (token.length > 20 || !SEQ_PATTERN.test(token)) return undefined;
  const seq = BigInt(token);
  return seq <= SEQ_MAX ? { kind: 'committed', seq } : undefined;
}

function isQueryKind(token: string): token is QueryKind {
  return (QUERY_KINDS as readonly string[]).includes(token);
}

function isOracleAction(token: string): token is OracleAction {
  return (ORACLE_ACTIONS as readonly string[]).includes(token);
}

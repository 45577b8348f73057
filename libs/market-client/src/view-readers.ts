/**
 * Reading each reply value of docs/protocol.md into its typed view. Every field is checked, so a
 * caller never sees a half-understood answer: a reply of the wrong shape is an
 * `UnexpectedReplyError` naming the subject and the field.
 */
import { REJECTIONS } from '@marketnode/errors';
import type { WireError } from '@marketnode/nats-kit';
import type { FieldRecord, ReplyFields } from './reply-fields.js';
import type {
  BalanceView,
  BlockHeader,
  EngineError,
  OracleEventView,
  ParamsView,
  PoolView,
  Quote,
  RatesView,
  ReserveView,
  SwapExecution,
} from './views.js';

const CATALOG_HINTS: ReadonlyMap<string, string> = new Map(
  Object.values(REJECTIONS).map((kind) => [kind.code, kind.hint]),
);

/** The wire error, its hint filled from the rejection catalog when the engine sent none. */
export function engineErrorOf(error: WireError): EngineError {
  const hint = error.hint === '' ? (CATALOG_HINTS.get(error.code) ?? '') : error.hint;
  return { code: error.code, message: error.message, hint };
}

function venueOf(read: ReplyFields, value: unknown, path: string): 'market' | 'reserve' {
  if (value === 'market' || value === 'reserve') return value;
  return read.fail(path, 'expected "market" or "reserve"');
}

export function readSwapExecution(read: ReplyFields, value: unknown): SwapExecution {
  const f = read.record(value, 'value');
  if (f['type'] !== undefined && f['type'] !== 'SwapExecuted')
    read.fail('value.type', 'expected a SwapExecuted event');
  const decText = (key: string): string => read.decText(f[key], `value.${key}`);
  const text = (key: string): string => read.text(f[key], `value.${key}`);
  return {
    requestId: text('requestId'),
    trader: text('trader'),
    receiver: text('receiver'),
    venue: venueOf(read, f['venue'], 'value.venue'),
    pool: text('pool'),
    offer: read.coin(f['offer'], 'value.offer'),
    askDenom: text('askDenom'),
    offerRate: decText('offerRate'),
    askRate: decText('askRate'),
    offerValue: decText('offerValue'),
    askAtOracleRate: decText('askAtOracleRate'),
    spread: decText('spread'),
    fee: decText('fee'),
    swapCoin: read.coin(f['swapCoin'], 'value.swapCoin'),
    feeCoin: read.coin(f['feeCoin'], 'value.feeCoin'),
    destroyedDust: decText('destroyedDust'),
    poolDeltaDenom: text('poolDeltaDenom'),
    poolDeltaBefore: decText('poolDeltaBefore'),
    poolDeltaAfter: decText('poolDeltaAfter'),
  };
}

export function readQuote(read: ReplyFields, value: unknown): Quote {
  const f = read.record(value, 'value');
  return {
    venue: venueOf(read, f['venue'], 'value.venue'),
    returnCoin: read.coin(f['returnCoin'], 'value.returnCoin'),
    ...(f['spread'] === undefined ? {} : { spread: read.decText(f['spread'], 'value.spread') }),
    ...(f['askAtOracleRate'] === undefined
      ? {}
      : { askAtOracleRate: read.decText(f['askAtOracleRate'], 'value.askAtOracleRate') }),
  };
}

export function readPool(read: ReplyFields, value: unknown): PoolView {
  const f = read.record(value, 'value');
  return {
    basePool: read.decText(f['basePool'], 'value.basePool'),
    terraPoolDelta: read.decText(f['terraPoolDelta'], 'value.terraPoolDelta'),
    terraPool: read.decText(f['terraPool'], 'value.terraPool'),
    lunaPool: read.decText(f['lunaPool'], 'value.lunaPool'),
    height: read.amount(f['height'], 'value.height'),
  };
}

export function readRates(read: ReplyFields, value: unknown): RatesView {
  const f = read.record(value, 'value');
  return {
    exchangeRates: read.decsByDenom(f['exchangeRates'], 'value.exchangeRates'),
    tobinTaxes: read.decsByDenom(f['tobinTaxes'], 'value.tobinTaxes'),
    height: read.amount(f['height'], 'value.height'),
  };
}

export function readParams(read: ReplyFields, value: unknown): ParamsView {
  const f = read.record(value, 'value');
  return {
    market: read.record(f['market'], 'value.market'),
    oracle: read.record(f['oracle'], 'value.oracle'),
    reserve: read.record(f['reserve'], 'value.reserve'),
  };
}

export function readBalance(read: ReplyFields, value: unknown): BalanceView {
  const f = read.record(value, 'value');
  return {
    account: read.text(f['account'], 'value.account'),
    balances: read.amountsByDenom(f['balances'], 'value.balances'),
    height: read.amount(f['height'], 'value.height'),
  };
}

export function readReserve(read: ReplyFields, value: unknown): ReserveView {
  const f = read.record(value, 'value');
  return {
    entryDeltaUst: read.decText(f['entryDeltaUst'], 'value.entryDeltaUst'),
    exitDeltaUst: read.decText(f['exitDeltaUst'], 'value.exitDeltaUst'),
    inventory: read.amountsByDenom(f['inventory'], 'value.inventory'),
    dayCapBaseBtc: read.amount(f['dayCapBaseBtc'], 'value.dayCapBaseBtc'),
    redeemedTodayBtc: read.amount(f['redeemedTodayBtc'], 'value.redeemedTodayBtc'),
    height: read.amount(f['height'], 'value.height'),
  };
}

export function readBlockHeader(read: ReplyFields, value: unknown): BlockHeader {
  const f = read.record(value, 'header');
  return {
    height: read.amount(f['height'], 'header.height'),
    timeMs: read.amount(f['timeMs'], 'header.timeMs'),
    seq: read.amount(f['seq'], 'header.seq'),
    stateHash: read.hex(f['stateHash'], 'header.stateHash'),
    entryHash: read.hex(f['entryHash'], 'header.entryHash'),
  };
}

/** `{ ok: true, event }` or `{ ok: false, error }`, as published on `oracle.<validator>.result`. */
export function readOracleOutcome(
  read: ReplyFields,
  value: unknown,
): { ok: true; event: OracleEventView } | { ok: false; error: EngineError } {
  const f = read.record(value, 'result');
  // docs/protocol.md names the field `event`; a plain wire reply (`okReply(event)`) names it `value`.
  if (f['ok'] === true) return { ok: true, event: readOracleEvent(read, f['event'] ?? f['value']) };
  if (f['ok'] !== false) return read.fail('result.ok', 'expected a boolean');
  const error = read.record(f['error'], 'result.error');
  return {
    ok: false,
    error: engineErrorOf({
      code: read.text(error['code'], 'result.error.code'),
      message: read.text(error['message'], 'result.error.message'),
      hint: read.text(error['hint'] ?? '', 'result.error.hint'),
    }),
  };
}

function readOracleEvent(read: ReplyFields, value: unknown): OracleEventView {
  const event: FieldRecord = read.record(value, 'result.event');
  return { ...event, type: read.text(event['type'], 'result.event.type') };
}

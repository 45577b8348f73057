/**
 * `trace ACCOUNT`: every log entry that names an account, with what happened to it there: the
 * swap (offered, received, at which oracle rates, the spread and the fee), the oracle message, or
 * the tally, judgement or slash of a validator (with the rates the tally set).
 */
import * as dec from '@marketnode/dec';
import type { Event } from '@marketnode/events';
import { accountRoles, type AccountRole } from './account-roles.js';
import { scanLog, type DecodedEntry, type ScanLogOptions } from './scan-log.js';

/** One event, as flat text fields: amounts as `<amount><denom>`, rates as canonical Dec text. */
export type TraceFact = Readonly<Record<string, string>> & { readonly event: string };

export interface TraceRecord {
  readonly seq: bigint;
  readonly height: bigint;
  readonly command: string;
  readonly roles: readonly AccountRole[];
  /** The entry's events that concern the account, in log order. */
  readonly facts: readonly TraceFact[];
}

export async function* traceAccount(
  options: ScanLogOptions & { readonly account: string },
): AsyncGenerator<TraceRecord, void, undefined> {
  for await (const decoded of scanLog(options)) {
    const record = traceEntry(decoded, options.account);
    if (record !== undefined) yield record;
  }
}

/** The entry as the account's trace sees it, or undefined when the entry does not name the account. */
export function traceEntry({ entry, body }: DecodedEntry, account: string): TraceRecord | undefined {
  const roles = accountRoles(body.command, body.events, account);
  if (roles.length === 0) return undefined;
  const facts = body.events.flatMap((event) => factsOf(event, account));
  return { seq: entry.seq, height: entry.height, command: body.command.type, roles, facts };
}

function factsOf(event: Event, account: string): TraceFact[] {
  switch (event.type) {
    case 'SwapExecuted':
      return [
        {
          event: event.type,
          trader: event.trader,
          receiver: event.receiver,
          venue: event.venue,
          offered: dec.formatCoin(event.offer),
          received: dec.formatCoin(event.swapCoin),
          offerRate: `${dec.format(event.offerRate)} ${event.offer.denom}/uluna`,
          askRate: `${dec.format(event.askRate)} ${event.askDenom}/uluna`,
          spread: dec.format(event.spread),
          fee: dec.formatCoin(event.feeCoin),
        },
      ];
    case 'SwapRejected':
      return [{ event: event.type, trader: event.trader, code: event.code, message: event.message }];
    case 'OracleMessageRejected':
      return [{ event: event.type, command: event.command, code: event.code, message: event.message }];
    case 'FeederDelegated':
      return [{ event: event.type, operator: event.operator, delegate: event.delegate }];
    case 'PrevoteSubmitted':
      return [{ event: event.type, validator: event.validator, feeder: event.feeder, hash: event.hash }];
    case 'VoteSubmitted':
      return [
        {
          event: event.type,
          validator: event.validator,
          feeder: event.feeder,
          rates: event.exchangeRatesText,
        },
      ];
    case 'ExchangeRatesTallied':
      return tallyFacts(event, account);
    case 'SlashWindowEnded':
      return event.verdicts
        .filter((verdict) => verdict.operator === account)
        .map((verdict) => ({
          event: event.type,
          missCounter: String(verdict.missCounter),
          validRate: dec.format(verdict.validRate),
          slashed: String(verdict.slashed),
        }));
    case 'ValidatorSlashed':
      return event.operator === account ? [{ event: event.type, burned: `${event.amount}uluna` }] : [];
    case 'ValidatorJailed':
    case 'ValidatorUnbonded':
      return event.operator === account ? [{ event: event.type }] : [];
    case 'PoolsReplenished':
    case 'ReserveDayRolled':
    case 'BlockEnded':
      return [];
  }
}

function tallyFacts(event: Extract<Event, { type: 'ExchangeRatesTallied' }>, account: string): TraceFact[] {
  const claim = event.claims.find((item) => item.operator === account);
  const reward = event.rewardsToValidators.find((item) => item.operator === account);
  const missed = event.missCountersIncremented.includes(account);
  if (claim === undefined && reward === undefined && !missed) return [];
  return [
    {
      event: event.type,
      rates: ratesText(event),
      ...(claim === undefined ? {} : { weight: String(claim.weight), winCount: String(claim.winCount) }),
      ...(reward === undefined || reward.coins.length === 0
        ? {}
        : { reward: reward.coins.map(dec.formatCoin).join(',') }),
      ...(missed ? { missedVote: 'true' } : {}),
    },
  ];
}

/** The rates the tally set, `<rate><denom>` comma separated; `(none)` when no ballot passed. */
function ratesText(event: Extract<Event, { type: 'ExchangeRatesTallied' }>): string {
  if (event.exchangeRates.length === 0) return '(none)';
  return event.exchangeRates.map((rate) => `${dec.format(rate.exchangeRate)}${rate.denom}`).join(',');
}

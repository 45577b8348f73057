/**
 * Applies one log entry's events to the projection: the coin moves each event implies, the pool
 * deltas, the reserve's flows, the block's aggregate, and who was involved (history). Pure over the
 * projection; the log's events are the only input (no engine state is consulted), which is what
 * lets the audit hold the result against an independent re-execution.
 *
 * Coin moves, as the core makes them: a market swap burns the offer from the trader and mints the
 * output to the receiver and the fee to the oracle pool; a reserve swap moves the offer into the
 * reserve and the output out of it (no mint, no burn; the fee stays); a tally moves the rewards paid
 * from the oracle pool to distribution; a slash burns stake from the bonded pool.
 */
import { MODULE_ACCOUNTS } from '@marketnode/bank';
import * as dec from '@marketnode/dec';
import type { Event, ExchangeRatesTallied, LogBody, SwapExecuted } from '@marketnode/events';
import { addAmount, addSwapVolume, emptyBlockAggregate } from './block-aggregate.js';
import { POOL_NAMES, type Projection } from './projection.js';
import type { ProjectionChanges } from './projection-changes.js';
import { ratesRecordOf } from './rates-record.js';

export interface ProjectedEntry {
  readonly seq: bigint;
  readonly height: bigint;
  readonly hash: Uint8Array;
  readonly body: LogBody;
}

const STAKE_DENOM = 'uluna';
const MODULE_ACCOUNT_NAMES: ReadonlySet<string> = new Set(Object.values(MODULE_ACCOUNTS));

export function applyEntry(projection: Projection, entry: ProjectedEntry, changes: ProjectionChanges): void {
  if (entry.height !== projection.block.height) projection.block = emptyBlockAggregate(entry.height);
  const block = projection.block;
  if (block.firstSeq === 0n) block.firstSeq = entry.seq;
  block.lastSeq = entry.seq;
  changes.beginEntry({ seq: entry.seq, height: entry.height });
  recordHistory(entry, changes);
  for (const event of entry.body.events) applyEvent(projection, { event, seq: entry.seq, changes });
  projection.lastSeq = entry.seq;
  projection.lastHash = entry.hash;
  projection.lastHeight = entry.height;
}

interface EventContext {
  readonly event: Event;
  readonly seq: bigint;
  readonly changes: ProjectionChanges;
}

function applyEvent(projection: Projection, { event, seq, changes }: EventContext): void {
  const block = projection.block;
  switch (event.type) {
    case 'SwapExecuted':
      if (event.venue === 'market') applyMarketSwap(projection, event, changes);
      else applyReserveSwap(projection, event, changes);
      movePool(projection, event, changes);
      addSwapVolume(block, event);
      return;
    case 'SwapRejected':
      block.swapsRejected += 1;
      return;
    case 'FeederDelegated':
    case 'PrevoteSubmitted':
    case 'VoteSubmitted':
      block.oracleMessages += 1;
      return;
    case 'OracleMessageRejected':
      block.oracleMessages += 1;
      block.oracleRejected += 1;
      return;
    case 'ExchangeRatesTallied':
      payRewards(projection, event, changes);
      changes.rates.push(ratesRecordOf(event, seq));
      return;
    case 'ValidatorSlashed':
      burn(
        projection,
        { account: MODULE_ACCOUNTS.bondedPool, denom: STAKE_DENOM, amount: event.amount },
        changes,
      );
      return;
    case 'PoolsReplenished':
      replenish(projection, changes);
      return;
    case 'BlockEnded':
      block.timeMs = event.timeMs;
      changes.closedBlocks.push(block);
      return;
    case 'SlashWindowEnded':
    case 'ValidatorJailed':
    case 'ReserveDayRolled':
    case 'ValidatorUnbonded':
      return;
  }
}

/** The accounts an entry involves, module accounts left out (they are in almost every entry). */
function recordHistory(entry: ProjectedEntry, changes: ProjectionChanges): void {
  const { command } = entry.body;
  const accounts = new Set<string>();
  switch (command.type) {
    case 'Swap':
      accounts.add(command.trader).add(command.receiver);
      break;
    case 'DelegateFeedConsent':
      accounts.add(command.operator).add(command.delegate);
      break;
    case 'SubmitPrevote':
    case 'SubmitVote':
      accounts.add(command.feeder).add(command.validator);
      break;
    case 'EndBlock':
      break;
  }
  for (const account of accounts)
    if (!MODULE_ACCOUNT_NAMES.has(account)) changes.history.push({ account, seq: entry.seq });
}

function applyMarketSwap(projection: Projection, swap: SwapExecuted, changes: ProjectionChanges): void {
  burn(projection, { account: swap.trader, denom: swap.offer.denom, amount: swap.offer.amount }, changes);
  mint(projection, { account: swap.receiver, denom: swap.askDenom, amount: swap.swapCoin.amount }, changes);
  mint(
    projection,
    { account: MODULE_ACCOUNTS.oracle, denom: swap.askDenom, amount: swap.feeCoin.amount },
    changes,
  );
}

function applyReserveSwap(projection: Projection, swap: SwapExecuted, changes: ProjectionChanges): void {
  const reserve = MODULE_ACCOUNTS.reserve;
  const { offer, swapCoin } = swap;
  transfer(projection, { from: swap.trader, to: reserve, denom: offer.denom, amount: offer.amount }, changes);
  transfer(
    projection,
    { from: reserve, to: swap.receiver, denom: swapCoin.denom, amount: swapCoin.amount },
    changes,
  );
  flowOf(projection, offer.denom).inflow += offer.amount;
  flowOf(projection, swapCoin.denom).outflow += swapCoin.amount;
  changes.reserveFlowChanged(offer.denom);
  changes.reserveFlowChanged(swapCoin.denom);
  addAmount(projection.block.reserveIn, offer.denom, offer.amount);
  addAmount(projection.block.reserveOut, swapCoin.denom, swapCoin.amount);
}

/** A swap moves its pool's delta by the change the engine computed; continuity is the audit's. */
function movePool(projection: Projection, swap: SwapExecuted, changes: ProjectionChanges): void {
  const change = dec.sub(swap.poolDeltaAfter, swap.poolDeltaBefore);
  projection.pools[swap.pool] = dec.add(projection.pools[swap.pool], change);
  changes.poolsChanged();
}

/** Replenishment recomputed here from the recovery periods, not copied from the event. */
function replenish(projection: Projection, changes: ProjectionChanges): void {
  const { pools, recoveryPeriods } = projection;
  for (const pool of POOL_NAMES)
    pools[pool] = dec.sub(pools[pool], dec.quoInt(pools[pool], recoveryPeriods[pool]));
  changes.poolsChanged();
}

function payRewards(projection: Projection, tally: ExchangeRatesTallied, changes: ProjectionChanges): void {
  for (const { coins } of tally.rewardsToValidators)
    for (const coin of coins)
      transfer(
        projection,
        {
          from: MODULE_ACCOUNTS.oracle,
          to: MODULE_ACCOUNTS.distribution,
          denom: coin.denom,
          amount: coin.amount,
        },
        changes,
      );
}

interface Holding {
  readonly account: string;
  readonly denom: string;
  readonly amount: bigint;
}

function mint(projection: Projection, holding: Holding, changes: ProjectionChanges): void {
  if (holding.amount === 0n) return;
  changeBalance(projection, holding, changes);
  supplyRecord(projection, holding.denom).minted += holding.amount;
  addAmount(projection.block.minted, holding.denom, holding.amount);
  changes.supplyChanged(holding.denom);
}

function burn(projection: Projection, holding: Holding, changes: ProjectionChanges): void {
  if (holding.amount === 0n) return;
  changeBalance(projection, { ...holding, amount: -holding.amount }, changes);
  supplyRecord(projection, holding.denom).burned += holding.amount;
  addAmount(projection.block.burned, holding.denom, holding.amount);
  changes.supplyChanged(holding.denom);
}

function transfer(
  projection: Projection,
  move: { readonly from: string; readonly to: string; readonly denom: string; readonly amount: bigint },
  changes: ProjectionChanges,
): void {
  if (move.amount === 0n) return;
  changeBalance(projection, { account: move.from, denom: move.denom, amount: -move.amount }, changes);
  changeBalance(projection, { account: move.to, denom: move.denom, amount: move.amount }, changes);
}

/**
 * Adds a signed amount. A balance may go negative here: the projection follows the log, and a log
 * whose events overdraw an account is exactly what the audit must report rather than hide.
 */
function changeBalance(projection: Projection, change: Holding, changes: ProjectionChanges): void {
  const { account, denom, amount } = change;
  let holdings = projection.balances.get(account);
  if (holdings === undefined) {
    holdings = new Map();
    projection.balances.set(account, holdings);
  }
  const next = (holdings.get(denom) ?? 0n) + amount;
  if (next === 0n) {
    holdings.delete(denom);
    if (holdings.size === 0) projection.balances.delete(account);
  } else holdings.set(denom, next);
  projection.balanceSums.set(denom, (projection.balanceSums.get(denom) ?? 0n) + amount);
  changes.balanceChanged(account, denom);
}

function supplyRecord(projection: Projection, denom: string) {
  let record = projection.supplies.get(denom);
  if (record === undefined) {
    record = { genesis: 0n, minted: 0n, burned: 0n };
    projection.supplies.set(denom, record);
  }
  return record;
}

function flowOf(projection: Projection, denom: string) {
  let record = projection.reserveFlows.get(denom);
  if (record === undefined) {
    record = { genesis: 0n, inflow: 0n, outflow: 0n };
    projection.reserveFlows.set(denom, record);
  }
  return record;
}

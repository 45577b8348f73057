/**
 * `forensics stale-oracle`: swaps that executed at an oracle rate the NEXT tally moved, against the
 * trader's position, by more than the spread the trader paid. Such a trader knew (or guessed) the
 * coming price and swapped before it was set: the spread, which is there to cover exactly this
 * risk, did not.
 *
 * Each executed swap is held until the first `ExchangeRatesTallied` after it (later in the same
 * block, or a later block), then judged with that tally's rates (`stale-rate-math.ts` defines the
 * move, the threshold and the profit). A swap is not judged when no tally follows it in the range
 * read, or when that tally set no rate for one of its denoms (the ballot failed): it is counted,
 * not guessed at. Profit is attributed to the trader, the account that signed and paid; the
 * receiver is listed with it.
 */
import * as dec from '@marketnode/dec';
import type { Coin, Dec } from '@marketnode/dec';
import type { ExchangeRatesTallied, SwapExecuted } from '@marketnode/events';
import { LUNA_DENOM } from '@marketnode/market';
import { scanLog, type DecodedEntry, type ScanLogOptions } from './scan-log.js';
import {
  decimalText,
  exactSum,
  inDenomOf,
  movedMoreThanSpread,
  profitUluna,
  rateMove,
  type ExactValue,
  type SwapPrices,
} from './stale-rate-math.js';

export interface StaleSwap {
  readonly seq: bigint;
  readonly height: bigint;
  readonly requestId: string;
  readonly trader: string;
  readonly receiver: string;
  readonly venue: string;
  readonly offer: Coin;
  readonly received: Coin;
  readonly spread: Dec;
  /** The oracle rates the swap executed at (per uluna). */
  readonly executed: SwapPrices;
  /** The tally that judged it: where it is in the log and the rates it set. */
  readonly tally: { readonly seq: bigint; readonly height: bigint } & SwapPrices;
  /** 1 − r'/r, canonical text. */
  readonly rateMove: string;
  /** received / askRate' − offered / offerRate', canonical text. */
  readonly profitUluna: string;
  /** The same profit in the offer denom (times offerRate'). */
  readonly profitInOfferDenom: string;
}

export interface AccountProfit {
  readonly account: string;
  readonly swaps: number;
  readonly profitUluna: string;
}

export interface StaleOracleReport {
  readonly swapsExecuted: number;
  readonly swapsJudged: number;
  /** Executed swaps with no tally after them in the range read, or whose tally set no rate for a denom. */
  readonly swapsNotJudged: number;
  readonly staleSwaps: readonly StaleSwap[];
  /** Per trader with a stale swap: the sum of its profits, largest first (ties by account). */
  readonly profitByAccount: readonly AccountProfit[];
}

interface PendingSwap {
  readonly seq: bigint;
  readonly height: bigint;
  readonly event: SwapExecuted;
}

/** Feed it the log's entries in order; `report()` at the end. */
export class StaleOracleDetector {
  private pending: PendingSwap[] = [];
  private readonly stale: { swap: StaleSwap; profit: ExactValue }[] = [];
  private swapsExecuted = 0;
  private swapsJudged = 0;
  private swapsNotJudged = 0;

  observe({ entry, body }: DecodedEntry): void {
    for (const event of body.events) {
      if (event.type === 'SwapExecuted') {
        this.swapsExecuted += 1;
        this.pending.push({ seq: entry.seq, height: entry.height, event });
      } else if (event.type === 'ExchangeRatesTallied') this.judge(entry.seq, event);
    }
  }

  report(): StaleOracleReport {
    return {
      swapsExecuted: this.swapsExecuted,
      swapsJudged: this.swapsJudged,
      swapsNotJudged: this.swapsNotJudged + this.pending.length,
      staleSwaps: this.stale.map((item) => item.swap),
      profitByAccount: profitByAccount(this.stale),
    };
  }

  private judge(tallySeq: bigint, tally: ExchangeRatesTallied): void {
    const rates = new Map(tally.exchangeRates.map((entry) => [entry.denom, entry.exchangeRate]));
    for (const pending of this.pending) {
      const { event } = pending;
      const offerRate = rateOf(rates, event.offer.denom);
      const askRate = rateOf(rates, event.askDenom);
      if (offerRate === undefined || askRate === undefined) {
        this.swapsNotJudged += 1;
        continue;
      }
      this.swapsJudged += 1;
      const executed = { offerRate: event.offerRate, askRate: event.askRate };
      const next = { offerRate, askRate };
      if (!movedMoreThanSpread({ executed, next, spread: event.spread })) continue;
      const tallyAt = { seq: tallySeq, height: tally.height, ...next };
      this.stale.push(staleSwapOf(pending, tallyAt, executed));
    }
    this.pending = [];
  }
}

export async function findStaleOracleSwaps(options: ScanLogOptions): Promise<StaleOracleReport> {
  const detector = new StaleOracleDetector();
  for await (const decoded of scanLog(options)) detector.observe(decoded);
  return detector.report();
}

function staleSwapOf(
  pending: PendingSwap,
  tally: StaleSwap['tally'],
  executed: SwapPrices,
): { swap: StaleSwap; profit: ExactValue } {
  const { event } = pending;
  const profit = profitUluna({
    offeredAmount: event.offer.amount,
    receivedAmount: event.swapCoin.amount,
    next: tally,
  });
  const swap: StaleSwap = {
    seq: pending.seq,
    height: pending.height,
    requestId: event.requestId,
    trader: event.trader,
    receiver: event.receiver,
    venue: event.venue,
    offer: event.offer,
    received: event.swapCoin,
    spread: event.spread,
    executed,
    tally,
    rateMove: rateMove(executed, tally),
    profitUluna: decimalText(profit),
    profitInOfferDenom: decimalText(inDenomOf(profit, tally.offerRate)),
  };
  return { swap, profit };
}

function profitByAccount(stale: readonly { swap: StaleSwap; profit: ExactValue }[]): AccountProfit[] {
  const byAccount = new Map<string, ExactValue[]>();
  for (const { swap, profit } of stale) {
    const profits = byAccount.get(swap.trader);
    if (profits === undefined) byAccount.set(swap.trader, [profit]);
    else profits.push(profit);
  }
  const totals = [...byAccount].map(([account, profits]) => ({
    account,
    swaps: profits.length,
    sum: exactSum(profits),
  }));
  totals.sort((a, b) => b.sum.comparedTo(a.sum) || (a.account < b.account ? -1 : 1));
  return totals.map(({ account, swaps, sum }) => ({ account, swaps, profitUluna: decimalText(sum) }));
}

/** The oracle's rate of `denom` per uluna; uluna is 1 by definition. */
function rateOf(rates: ReadonlyMap<string, Dec>, denom: string): Dec | undefined {
  return denom === LUNA_DENOM ? dec.ONE : rates.get(denom);
}

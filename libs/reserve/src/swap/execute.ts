/**
 * Executing a reserve swap: check everything (the quote, then the trader's balance), then mutate.
 * The reserve moves coins it holds, it never mints or burns: the offer goes from the trader to the
 * reserve, the post-fee ask from the reserve to the receiver, and the fee coin is simply not paid,
 * so it stays in the reserve.
 */
import { MODULE_ACCOUNTS, checkSpendable, transfer } from '@marketnode/bank';
import * as dec from '@marketnode/dec';
import type { Coin, Dec } from '@marketnode/dec';
import { fail, ok, type Result } from '@marketnode/errors';
import type { ReserveSwapQuote } from './price.js';
import { quoteReserveSwap, type ReserveContext } from './quote.js';

export interface ReserveSwapCommand {
  readonly trader: string;
  /** Where the swapped coin goes (the trader for a plain swap, another account for a swap-send). */
  readonly receiver: string;
  readonly offer: Coin;
  readonly askDenom: string;
}

export interface ReserveSwapOutcome {
  readonly trader: string;
  readonly receiver: string;
  readonly quote: ReserveSwapQuote;
  /** The side's delta after the swap. */
  readonly deltaAfterUst: Dec;
  /** BTC paid out in the current day window, this swap included. */
  readonly redeemedTodayBtc: bigint;
}

export function executeReserveSwap(
  context: ReserveContext,
  command: ReserveSwapCommand,
): Result<ReserveSwapOutcome> {
  const quoted = quoteReserveSwap(context, command);
  if (!quoted.ok) return quoted;
  const quote = quoted.value;
  const { offer } = command;
  const fundsRejection = checkSpendable(context.bank, command.trader, offer.denom, offer.amount);
  if (fundsRejection !== undefined) return fail(fundsRejection);

  const { reserve, bank } = context;
  // The new delta is computed before anything moves: a Dec overflow here must leave no half-swap.
  const deltaBeforeUst = quote.side === 'exit' ? reserve.exitDeltaUst : reserve.entryDeltaUst;
  const deltaAfterUst = dec.add(deltaBeforeUst, quote.deltaChangeUst);
  transfer(bank, command.trader, MODULE_ACCOUNTS.reserve, offer.denom, offer.amount);
  transfer(bank, MODULE_ACCOUNTS.reserve, command.receiver, quote.swapCoin.denom, quote.swapCoin.amount);
  if (quote.side === 'exit') {
    reserve.exitDeltaUst = deltaAfterUst;
    reserve.redeemedTodayBtc += quote.swapCoin.amount;
  } else {
    reserve.entryDeltaUst = deltaAfterUst;
  }
  return ok({
    trader: command.trader,
    receiver: command.receiver,
    quote,
    deltaAfterUst,
    redeemedTodayBtc: reserve.redeemedTodayBtc,
  });
}

/**
 * A reserve swap as it would execute now, with every check but the trader's balance, and no side
 * effect. `executeReserveSwap` runs the same function, so a quote and the swap never disagree.
 */
import type { BankState } from '@marketnode/bank';
import { fail, type Result } from '@marketnode/errors';
import { checkDailyCap } from '../daily-cap.js';
import type { ExchangeRates } from '../pricing/oracle-value.js';
import type { ReserveState } from '../state.js';
import { checkInventory } from './inventory.js';
import { priceReserveSwap, type ReserveSwapQuote } from './price.js';
import { validateSwapRequest, type ReserveSwapRequest } from './swap-request.js';

export interface ReserveContext {
  readonly reserve: ReserveState;
  readonly rates: ExchangeRates;
  readonly bank: BankState;
}

/**
 * Order of the checks: offer coin, recursive swap, pair, oracle prices (offer denom first), zero
 * payout, reserve inventory, then (exit only) the daily cap.
 */
export function quoteReserveSwap(
  context: ReserveContext,
  request: ReserveSwapRequest,
): Result<ReserveSwapQuote> {
  const side = validateSwapRequest(context.reserve.params, request);
  if (!side.ok) return side;
  const quote = priceReserveSwap({
    reserve: context.reserve,
    rates: context.rates,
    side: side.value,
    offer: request.offer,
    askDenom: request.askDenom,
  });
  if (!quote.ok) return quote;
  const inventoryRejection = checkInventory(context.bank, quote.value.swapCoin);
  if (inventoryRejection !== undefined) return fail(inventoryRejection);
  if (quote.value.side === 'exit') {
    const capRejection = checkDailyCap(context.reserve, quote.value.swapCoin.amount);
    if (capRejection !== undefined) return fail(capRejection);
  }
  return quote;
}

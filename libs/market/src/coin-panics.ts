/**
 * Panics of the reference's coin constructors that a swap can reach. In classic-core they abort the
 * transaction (ErrPanic) and revert everything, exactly like a Dec overflow, so they are thrown as
 * `DecPanic`s: the engine maps every `DecPanic` to a failed command that changed nothing.
 */
import { DecPanic } from '@marketnode/dec';

/** `NewDecCoinFromDec`, `NewCoin` and `DecCoin.Sub` panic on a negative amount. */
export class NegativeCoinAmountPanic extends DecPanic {
  override readonly name = 'NegativeCoinAmountPanic';
  constructor(operation: string, denom: string) {
    super(`negative coin amount of ${denom} in ${operation}`);
  }
}

/** `NewDecCoinFromCoin` panics when the coin's denom is not a valid denom. */
export class InvalidDenomPanic extends DecPanic {
  override readonly name = 'InvalidDenomPanic';
  constructor(operation: string, denom: string) {
    super(`invalid denom "${denom}" in ${operation}`);
  }
}

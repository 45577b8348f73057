/**
 * The conditions under which the reference's `sdk.Dec` panics. They are programmer errors in the
 * reference (a Go panic), so they are thrown here, never returned: callers that must survive them
 * (the oracle's standard deviation, a transaction's recovery) catch them explicitly.
 */
export class DecPanic extends Error {
  override readonly name: string = 'DecPanic';
}

/** A result wider than the reference's bit limit (`"Int overflow"` in Go). */
export class DecOverflowPanic extends DecPanic {
  override readonly name = 'DecOverflowPanic';
  constructor(operation: string) {
    super(`Int overflow in Dec.${operation}`);
  }
}

/** Division by zero (a Go runtime panic in `big.Int.Quo`). */
export class DecDivisionByZeroPanic extends DecPanic {
  override readonly name = 'DecDivisionByZeroPanic';
  constructor(operation: string) {
    super(`division by zero in Dec.${operation}`);
  }
}

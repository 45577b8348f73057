/**
 * What reading a log entry, a snapshot or a wire value back can fail with: a typed error naming the
 * exact path of the first malformed value, so a corrupt entry is located, not guessed at.
 */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  readonly code = 'EVENTS_ERR_DECODE';

  constructor(
    /** Where the problem is, e.g. `command.offer.amount` or `state.bank.balances[3]`. */
    readonly path: string,
    /** What is wrong there. */
    readonly problem: string,
    options?: { readonly cause?: unknown },
  ) {
    super(
      `${path}: ${problem} (the bytes are corrupt or come from an unknown schema: ` +
        'verify the log chain before trusting them)',
      options,
    );
  }
}

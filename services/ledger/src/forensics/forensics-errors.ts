/**
 * What the forensic tools fail with, beyond the log store's own errors: small named classes with a
 * stable `code` and a message that says what to do.
 */

/** The log has not reached the height asked for (its block has not ended yet, or never will). */
export class HeightNotInLogError extends Error {
  override readonly name = 'HeightNotInLogError';
  readonly code = 'LEDGER_ERR_HEIGHT_NOT_IN_LOG';
  constructor(
    readonly height: bigint,
    /** The last height whose block ended in the log (0 when none has). */
    readonly lastEndedHeight: bigint,
  ) {
    super(
      lastEndedHeight === 0n
        ? `block ${height} has not ended in this log: no block has ended yet`
        : `block ${height} has not ended in this log: the last block that ended is ${lastEndedHeight}; ` +
            `ask for a height up to ${lastEndedHeight}`,
    );
  }
}

/** Re-executing the log from genesis does not give what the log recorded: its state cannot be trusted. */
export class ReplayMismatchError extends Error {
  override readonly name = 'ReplayMismatchError';
  readonly code = 'LOG_ERR_REPLAY_MISMATCH';
  constructor(
    readonly seq: bigint,
    readonly height: bigint,
    readonly kind: string,
    readonly detail: string,
  ) {
    super(
      `replay from genesis differs at seq ${seq}, height ${height} (${kind}): ${detail}; check that ` +
        '--genesis is the one the engine ran with, then run `marketnode log verify`',
    );
  }
}

/** An entry's body is not a command and its events: the log is corrupt or from an unknown schema. */
export class EntryUndecodableError extends Error {
  override readonly name = 'EntryUndecodableError';
  readonly code = 'EVENTS_ERR_DECODE';
  constructor(
    readonly seq: bigint,
    override readonly cause: unknown,
  ) {
    super(
      `the entry at seq ${seq} cannot be decoded (${cause instanceof Error ? cause.message : String(cause)}): ` +
        'run `marketnode log verify` to locate the damage',
      { cause },
    );
  }
}

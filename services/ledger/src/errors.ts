/**
 * The ledger's operational errors: small named classes with a stable code (docs/errors.md) and a
 * message that says what to do.
 */
export class LedgerError extends Error {
  override readonly name: string = 'LedgerError';
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The projection store was built from another log (another genesis). */
export class LedgerGenesisMismatchError extends LedgerError {
  override readonly name = 'LedgerGenesisMismatchError';
  constructor(path: string) {
    super(
      'LEDGER_ERR_GENESIS_MISMATCH',
      `the projections at ${path} were built from a log with another genesis: use another --ledger-data ` +
        'directory, or delete this one to rebuild it from the log',
    );
  }
}

/**
 * The next entry does not follow the checkpoint: its seq skips or repeats, or its prevHash is not
 * the hash of the last entry applied. The ledger never applies such an entry.
 */
export class LedgerChainBreakError extends LedgerError {
  override readonly name = 'LedgerChainBreakError';
  constructor(
    readonly seq: bigint,
    detail: string,
  ) {
    super(
      'LEDGER_ERR_CHAIN_BREAK',
      `entry ${seq} does not follow the ledger's checkpoint: ${detail}; run \`marketnode log verify\` ` +
        'on the engine log, and `marketnode audit` on these projections',
    );
  }
}

/** A store's checkpoint names an entry the log does not have (the log was replaced or cut back). */
export class LedgerCheckpointAheadError extends LedgerError {
  override readonly name = 'LedgerCheckpointAheadError';
  constructor(seq: bigint, logLastSeq: bigint) {
    super(
      'LEDGER_ERR_CHECKPOINT_AHEAD',
      `the projections were checkpointed at seq ${seq} but the log ends at seq ${logLastSeq}: the log was ` +
        'cut back or replaced; rebuild the projections (delete the ledger data directory)',
    );
  }
}

/** The ledger store is missing, or is not a ledger store. */
export class LedgerStoreNotFoundError extends LedgerError {
  override readonly name = 'LedgerStoreNotFoundError';
  constructor(path: string) {
    super(
      'LEDGER_ERR_STORE_NOT_FOUND',
      `no ledger projections at ${path}: check --ledger-data, or run the ledger once`,
    );
  }
}

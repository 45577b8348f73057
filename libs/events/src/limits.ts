/**
 * The bounds on every string a command or event carries. The edge enforces them on untrusted
 * payloads; the codec enforces them again when an entry is read back, so nothing unbounded is ever
 * written to or read from the log.
 */

/** Accounts and validator operators: they become NATS subject tokens, so no `.`, `*`, `>` or space. */
export const IDENTITY_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
export const IDENTITY_LENGTH_MAX = 128;
/** Bank accounts also include the module accounts (`module:oracle`), which no client can name. */
export const ACCOUNT_PATTERN = /^[A-Za-z0-9_:-]{1,128}$/;
/** The client's idempotency key (docs/protocol.md): 1 to 128 letters, digits, `_`, `.`, `:` or `-`. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;
export const REQUEST_ID_LENGTH_MAX = 128;
/**
 * Generous sanity bounds on the oracle's free-text fields. The reference's own rules (a 40-hex
 * hash, a 1-4 byte salt, at most 4096 bytes of rates) stay with the handlers, so a message that
 * breaks them is rejected with the reference's code and recorded.
 */
export const PREVOTE_HASH_LENGTH_MAX = 128;
export const SALT_LENGTH_MAX = 64;
export const EXCHANGE_RATES_TEXT_LENGTH_MAX = 8192;
/**
 * Rejection messages quote a client's text: a vote's rates text at most twice (the oracle's parse
 * error names an amount, then the Dec parser's error names it again), plus a short prefix.
 */
export const REJECTION_MESSAGE_LENGTH_MAX = 4 * EXCHANGE_RATES_TEXT_LENGTH_MAX;
export const REJECTION_CODE_PATTERN = /^[A-Z]+_ERR_[A-Z_]+$/;

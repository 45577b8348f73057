/**
 * The one table of every business rejection. A rejection is a value, never an exception: it has a
 * stable `code` (what clients match on, the same on the wire), the reference's codespace, ABCI code
 * and error name (what classic-core would have returned), the reference's description (which ends
 * the message, as `sdkerrors.Wrap` prints it) and a hint that tells the user what to do.
 *
 * docs/errors.md lists the same table; a test keeps the two in step.
 */
export interface RejectionKind {
  readonly code: string;
  readonly codespace: string;
  readonly abciCode: number;
  readonly name: string;
  readonly description: string;
  readonly hint: string;
}

function kind(
  code: string,
  codespace: string,
  abciCode: number,
  name: string,
  description: string,
  hint: string,
): RejectionKind {
  return { code, codespace, abciCode, name, description, hint };
}

export const REJECTIONS = {
  invalidAddress: kind(
    'SDK_ERR_INVALID_ADDRESS',
    'sdk',
    7,
    'ErrInvalidAddress',
    'invalid address',
    'Send a non-empty account or validator address.',
  ),
  insufficientFunds: kind(
    'SDK_ERR_INSUFFICIENT_FUNDS',
    'sdk',
    5,
    'ErrInsufficientFunds',
    'insufficient funds',
    'Offer at most the balance you hold, or fund the account first.',
  ),
  invalidCoins: kind(
    'SDK_ERR_INVALID_COINS',
    'sdk',
    10,
    'ErrInvalidCoins',
    'invalid coins',
    'Offer a positive whole amount of at most 100 bits; a swap whose result rounds to zero cannot be made.',
  ),
  unknownRequest: kind(
    'SDK_ERR_UNKNOWN_REQUEST',
    'sdk',
    6,
    'ErrUnknownRequest',
    'unknown request',
    'Send at least one <rate><denom> tuple (a rate of 0 abstains).',
  ),
  invalidRequest: kind(
    'SDK_ERR_INVALID_REQUEST',
    'sdk',
    18,
    'ErrInvalidRequest',
    'invalid request',
    'Send at most 4096 bytes of exchange rates.',
  ),
  // Go registers ErrPanic in the "undefined" codespace, not "sdk".
  panic: kind(
    'SDK_ERR_PANIC',
    'undefined',
    111222,
    'ErrPanic',
    'panic',
    'The computation overflowed the reference arithmetic; use smaller amounts.',
  ),
  recursiveSwap: kind(
    'MARKET_ERR_RECURSIVE_SWAP',
    'market',
    2,
    'ErrRecursiveSwap',
    'recursive swap',
    'Ask for a denom different from the one offered.',
  ),
  noEffectivePrice: kind(
    'MARKET_ERR_NO_PRICE',
    'market',
    3,
    'ErrNoEffectivePrice',
    'no price registered with oracle',
    'Wait for the next oracle tally that sets a rate for this denom (and for usdr), then retry.',
  ),
  zeroSwapCoin: kind(
    'MARKET_ERR_ZERO_SWAP_COIN',
    'market',
    4,
    'ErrZeroSwapCoin',
    'zero swap coin',
    'Offer more: after the spread the swap would pay out nothing (swaps may be disabled by a 100% spread).',
  ),
  invalidExchangeRate: kind(
    'ORACLE_ERR_INVALID_EXCHANGE_RATE',
    'oracle',
    2,
    'ErrInvalidExchangeRate',
    'invalid exchange rate',
    'Send rates as comma-separated <decimal><denom> tuples with no sign and no duplicate denom.',
  ),
  noPrevote: kind(
    'ORACLE_ERR_NO_PREVOTE',
    'oracle',
    3,
    'ErrNoPrevote',
    'no prevote',
    'Send a prevote first.',
  ),
  noVote: kind('ORACLE_ERR_NO_VOTE', 'oracle', 4, 'ErrNoVote', 'no vote', 'Send a vote first.'),
  noVotingPermission: kind(
    'ORACLE_ERR_NO_VOTING_PERMISSION',
    'oracle',
    5,
    'ErrNoVotingPermission',
    'unauthorized voter',
    "Vote from the validator's own account or from its registered feeder delegate.",
  ),
  invalidHash: kind(
    'ORACLE_ERR_INVALID_HASH',
    'oracle',
    6,
    'ErrInvalidHash',
    'invalid hash',
    'Send the prevote hash as hexadecimal.',
  ),
  invalidHashLength: kind(
    'ORACLE_ERR_INVALID_HASH_LENGTH',
    'oracle',
    7,
    'ErrInvalidHashLength',
    'invalid hash length',
    'Send the prevote hash as exactly 40 hex characters (20 bytes).',
  ),
  verificationFailed: kind(
    'ORACLE_ERR_VERIFICATION_FAILED',
    'oracle',
    8,
    'ErrVerificationFailed',
    'hash verification failed',
    'Reveal exactly the salt and rate string that were hashed in the prevote.',
  ),
  revealPeriodMissMatch: kind(
    'ORACLE_ERR_REVEAL_PERIOD_MISMATCH',
    'oracle',
    9,
    'ErrRevealPeriodMissMatch',
    'reveal period of submitted vote do not match with registered prevote',
    'Reveal in the vote period right after the one in which the prevote was sent.',
  ),
  invalidSaltLength: kind(
    'ORACLE_ERR_INVALID_SALT_LENGTH',
    'oracle',
    10,
    'ErrInvalidSaltLength',
    'invalid salt length; should be 1~4',
    'Use a salt of 1 to the maximum salt length allowed by the oracle params.',
  ),
  noAggregatePrevote: kind(
    'ORACLE_ERR_NO_AGGREGATE_PREVOTE',
    'oracle',
    11,
    'ErrNoAggregatePrevote',
    'no aggregate prevote',
    'Send an aggregate prevote in the previous vote period before revealing.',
  ),
  noAggregateVote: kind(
    'ORACLE_ERR_NO_AGGREGATE_VOTE',
    'oracle',
    12,
    'ErrNoAggregateVote',
    'no aggregate vote',
    'Send an aggregate vote first.',
  ),
  noTobinTax: kind(
    'ORACLE_ERR_NO_TOBIN_TAX',
    'oracle',
    13,
    'ErrNoTobinTax',
    'no tobin tax',
    'Swap only denoms that are current oracle vote targets.',
  ),
  unknownDenom: kind(
    'ORACLE_ERR_UNKNOWN_DENOM',
    'oracle',
    14,
    'ErrUnknownDenom',
    'unknown denom',
    'Vote only for denoms that are current vote targets (the whitelist applied at the last tally).',
  ),
  noValidatorFound: kind(
    'STAKING_ERR_NO_VALIDATOR_FOUND',
    'staking',
    3,
    'ErrNoValidatorFound',
    'validator does not exist',
    'Name an existing, bonded validator.',
  ),
  insufficientInventory: kind(
    'RESERVE_ERR_INSUFFICIENT_INVENTORY',
    'reserve',
    2,
    'ErrInsufficientInventory',
    'insufficient reserve inventory',
    'Offer less: the reserve pays only from the coins it holds and never mints.',
  ),
  dailyCapReached: kind(
    'RESERVE_ERR_DAILY_CAP_REACHED',
    'reserve',
    3,
    'ErrDailyCapReached',
    'daily redemption cap reached',
    'Offer at most what is left today, or retry after the next day window starts.',
  ),
  unsupportedPair: kind(
    'RESERVE_ERR_UNSUPPORTED_PAIR',
    'reserve',
    4,
    'ErrUnsupportedPair',
    'the reserve swaps only between its UST and BTC denoms',
    'Offer UST and ask for BTC (exit), or offer BTC and ask for UST (entry).',
  ),
  malformedPayload: kind(
    'EDGE_ERR_MALFORMED',
    'edge',
    1,
    'ErrMalformedPayload',
    'malformed payload',
    'Send exactly one msgpack map as the message payload.',
  ),
  invalidField: kind(
    'EDGE_ERR_INVALID_FIELD',
    'edge',
    2,
    'ErrInvalidField',
    'invalid field',
    'Fix the named field: amounts are non-negative integers of at most 100 bits (digits in a string, or an integer), denoms must be ones the node knows, and identities come from the subject, not the payload.',
  ),
  payloadTooLarge: kind(
    'EDGE_ERR_TOO_LARGE',
    'edge',
    3,
    'ErrPayloadTooLarge',
    'payload too large',
    'Send a payload of at most 16384 bytes.',
  ),
  engineBusy: kind(
    'ENGINE_ERR_BUSY',
    'engine',
    1,
    'ErrBusy',
    'engine busy',
    'The inbox is full and nothing was applied: retry after a short pause (with the same requestId).',
  ),
} as const satisfies Record<string, RejectionKind>;

export type RejectionName = keyof typeof REJECTIONS;

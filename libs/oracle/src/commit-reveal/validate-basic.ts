/**
 * `ValidateBasic` of the three messages: the stateless checks, in the reference's order, with its
 * error texts. A rejected message never reaches a handler.
 */
import * as dec from '@marketnode/dec';
import { REJECTIONS, fail, ok, reject, type Rejection, type Result } from '@marketnode/errors';
import { SALT_LENGTH_MAX_REFERENCE } from '../params.js';
import type { ExchangeRateTuple } from '../state.js';
import { parseExchangeRateTuples } from './exchange-rate-tuples.js';
import { goHexDecodeError, utf8Length } from './go-text.js';
import type { DelegateFeedConsent, SubmitPrevote, SubmitVote } from './messages.js';
import { VOTE_HASH_HEX_LENGTH } from './vote-hash.js';

/** Longest exchange-rates text, in bytes. */
export const EXCHANGE_RATES_TEXT_BYTES_MAX = 4096;
/** `255 + DecimalPrecisionBits`: the widest rate accepted (parsing already stops at 256 bits). */
export const EXCHANGE_RATE_BIT_LEN_MAX = 315;

/**
 * Address validity as far as it can be checked here: bech32 decoding is left to the gateway, so
 * only the reference's empty-address error is reproduced.
 */
function checkAddress(address: string, role: string): Rejection | undefined {
  if (address.length > 0) return undefined;
  return reject(REJECTIONS.invalidAddress, `Invalid ${role} address (empty address string is not allowed)`);
}

export function validateDelegateFeedConsent(msg: DelegateFeedConsent): Result<DelegateFeedConsent> {
  const problem = checkAddress(msg.operator, 'operator') ?? checkAddress(msg.delegate, 'delegate');
  return problem === undefined ? ok(msg) : fail(problem);
}

/** Returns the hash in the lowercase hex form it is stored and compared in. */
export function validatePrevote(msg: SubmitPrevote): Result<string> {
  const hexError = goHexDecodeError(msg.hash);
  if (hexError !== undefined) return fail(reject(REJECTIONS.invalidHash, `Invalid vote hash (${hexError})`));
  if (msg.hash.length !== VOTE_HASH_HEX_LENGTH) return fail(reject(REJECTIONS.invalidHashLength));
  const problem = checkAddress(msg.feeder, 'feeder') ?? checkAddress(msg.validator, 'operator');
  return problem === undefined ? ok(msg.hash.toLowerCase()) : fail(problem);
}

/** Returns the parsed tuples. `saltLengthMax` is the reference's 4 unless the params say otherwise. */
export function validateVote(
  msg: SubmitVote,
  options: { readonly saltLengthMax?: number } = {},
): Result<readonly ExchangeRateTuple[]> {
  const addressProblem = checkAddress(msg.feeder, 'feeder') ?? checkAddress(msg.validator, 'operator');
  if (addressProblem !== undefined) return fail(addressProblem);
  const textBytes = utf8Length(msg.exchangeRatesText);
  if (textBytes === 0) {
    return fail(reject(REJECTIONS.unknownRequest, 'must provide at least one oracle exchange rate'));
  }
  if (textBytes > EXCHANGE_RATES_TEXT_BYTES_MAX) {
    return fail(reject(REJECTIONS.invalidRequest, 'exchange rates string can not exceed 4096 characters'));
  }
  const parsed = parseExchangeRateTuples(msg.exchangeRatesText);
  if (!parsed.ok) {
    return fail(
      reject(REJECTIONS.invalidCoins, `failed to parse exchange rates string cause: ${parsed.reason}`),
    );
  }
  if (parsed.tuples.some((tuple) => dec.bitLen(tuple.exchangeRate) > EXCHANGE_RATE_BIT_LEN_MAX)) {
    return fail(reject(REJECTIONS.invalidExchangeRate, 'overflow'));
  }
  const saltLengthMax = options.saltLengthMax ?? SALT_LENGTH_MAX_REFERENCE;
  const saltBytes = utf8Length(msg.salt);
  if (saltBytes < 1 || saltBytes > saltLengthMax) {
    return fail(reject(REJECTIONS.invalidSaltLength, `salt length must be [1, ${saltLengthMax}]`));
  }
  return ok(parsed.tuples);
}

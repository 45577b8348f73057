/**
 * The commit of commit-reveal (`types/hash.go`): SHA-256 of `salt:exchangeRates:voter`, truncated
 * to its first 20 bytes (Tendermint `tmhash.NewTruncated`), as lowercase hex.
 */
import { createHash } from 'node:crypto';

/** Bytes kept of the SHA-256 digest. */
export const VOTE_HASH_BYTES = 20;
/** Hex characters of a vote hash. */
export const VOTE_HASH_HEX_LENGTH = VOTE_HASH_BYTES * 2;

export interface VoteHashInput {
  readonly salt: string;
  /** The exact text sent in the vote, hashed byte for byte without canonicalisation. */
  readonly exchangeRatesText: string;
  /** The validator's operator address (`terravaloper1...`). */
  readonly voter: string;
}

export function aggregateVoteHash(input: VoteHashInput): string {
  return createHash('sha256')
    .update(`${input.salt}:${input.exchangeRatesText}:${input.voter}`, 'utf8')
    .digest()
    .subarray(0, VOTE_HASH_BYTES)
    .toString('hex');
}

/**
 * Vote salts: as long as the engine's params allow, from the operating system's CSPRNG, fresh for
 * every prevote. The reference feeder used 2 random bytes as 4 hex characters (16 bits), guessable
 * when many validators copy one price; base64url gives 6 random bits per character, and the engine
 * counts the salt's length in bytes, which for base64url are its characters.
 */
import { randomBytes } from 'node:crypto';
import { SALT_LENGTH_MAX } from '@marketnode/events';

/** The engine's edge refuses longer salts whatever the params say. */
export const VOTE_SALT_LENGTH_MAX = SALT_LENGTH_MAX;

const BITS_PER_BASE64_CHARACTER = 6;

/** A fresh salt of `min(saltLengthMax, VOTE_SALT_LENGTH_MAX)` characters. */
export function newVoteSalt(saltLengthMax: number): string {
  if (!Number.isSafeInteger(saltLengthMax) || saltLengthMax < 1)
    throw new RangeError(`saltLengthMax must be a positive integer, is ${saltLengthMax}`);
  const length = Math.min(saltLengthMax, VOTE_SALT_LENGTH_MAX);
  // Enough bytes that every character kept comes from 6 random bits (no padding bits).
  const bytes = randomBytes(Math.ceil((length * BITS_PER_BASE64_CHARACTER) / 8));
  return bytes.toString('base64url').slice(0, length);
}

// Salts: as long as the params allow (counted in bytes, as the engine's validateVote counts them),
// accepted by the oracle core, never repeated.
import t from 'tap';
import { validateVote } from '@marketnode/oracle';
import { newVoteSalt, VOTE_SALT_LENGTH_MAX } from '../../src/voting/vote-salt.js';

t.test('the salt has the longest length the params allow, and the core accepts it', async (t) => {
  for (const saltLengthMax of [1, 4, 7, 32, VOTE_SALT_LENGTH_MAX]) {
    const salt = newVoteSalt(saltLengthMax);
    t.equal(Buffer.byteLength(salt, 'utf8'), saltLengthMax, `length ${saltLengthMax}`);
    const checked = validateVote(
      { validator: 'terravaloper1alpha', feeder: 'terra1alpha', salt, exchangeRatesText: '1.0uusd' },
      { saltLengthMax },
    );
    t.ok(checked.ok, `the oracle core accepts a salt of ${saltLengthMax}`);
    t.notOk(/[:,]/.test(salt), 'no separator of the hashed text');
  }
});

t.test('params allowing more than the edge accepts are capped at the edge limit', async (t) => {
  t.equal(newVoteSalt(1_000).length, VOTE_SALT_LENGTH_MAX);
});

t.test('a bad limit is refused', async (t) => {
  t.throws(() => newVoteSalt(0), RangeError);
});

t.test('salts are not reused: 10,000 draws of 32 characters are all distinct', async (t) => {
  const seen = new Set<string>();
  for (let draw = 0; draw < 10_000; draw++) seen.add(newVoteSalt(32));
  t.equal(seen.size, 10_000);
});

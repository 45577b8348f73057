/**
 * ValidateBasic of the oracle messages (spec §4.3): the upstream literals, then each rule with the
 * reference's rejection kind and message.
 */
import t from 'tap';
import { validateDelegateFeedConsent, validatePrevote, validateVote, type SubmitVote } from '../src/index.js';

function vote(fields: Partial<SubmitVote>): SubmitVote {
  return {
    feeder: 'terra1feeder',
    validator: 'terravaloper1val',
    salt: '123',
    exchangeRatesText: '1.0foo',
    ...fields,
  };
}

const UPSTREAM: readonly { name: string; salt: string; rates: string; ok: boolean }[] = [
  { name: 'valid', salt: '123', rates: '1.0foo,1232.132bar', ok: true },
  { name: 'invalid coins', salt: '123', rates: 'a,b', ok: false },
  { name: 'abstain zero', salt: '123', rates: '0.0foo,1232.132bar', ok: true },
  { name: 'overflow', salt: '123', rates: '1' + '0'.repeat(180) + '.0foo,1232.132bar', ok: false },
  { name: 'empty salt', salt: '', rates: '0.0foo,1232.132bar', ok: false },
  { name: 'too long', salt: '', rates: 'a'.repeat(4097), ok: false },
];

for (const literal of UPSTREAM) {
  t.test(`vote ValidateBasic upstream case: ${literal.name}`, (t) => {
    t.equal(validateVote(vote({ salt: literal.salt, exchangeRatesText: literal.rates })).ok, literal.ok);
    t.end();
  });
}

t.test('vote rules, in order, with their rejections', (t) => {
  t.match(validateVote(vote({ feeder: '' })), {
    ok: false,
    error: {
      name: 'ErrInvalidAddress',
      message: 'Invalid feeder address (empty address string is not allowed): invalid address',
    },
  });
  t.match(validateVote(vote({ validator: '' })), { error: { message: /^Invalid operator address/ } });
  t.match(validateVote(vote({ exchangeRatesText: '' })), {
    error: {
      name: 'ErrUnknownRequest',
      abciCode: 6,
      message: 'must provide at least one oracle exchange rate: unknown request',
    },
  });
  t.match(validateVote(vote({ exchangeRatesText: '1usdr,'.repeat(700) })), {
    error: {
      name: 'ErrInvalidRequest',
      abciCode: 18,
      message: 'exchange rates string can not exceed 4096 characters: invalid request',
    },
  });
  t.match(validateVote(vote({ exchangeRatesText: '1usdr,1usdr' })), {
    error: {
      name: 'ErrInvalidCoins',
      message: 'failed to parse exchange rates string cause: duplicated denom usdr: invalid coins',
    },
  });
  t.match(validateVote(vote({ salt: '12345' })), {
    error: {
      name: 'ErrInvalidSaltLength',
      codespace: 'oracle',
      abciCode: 10,
      message: 'salt length must be [1, 4]: invalid salt length; should be 1~4',
    },
  });
  t.end();
});

t.test('lengths are counted in UTF-8 bytes, as Go does', (t) => {
  t.equal(validateVote(vote({ salt: 'éé' })).ok, true, '4 bytes');
  t.equal(validateVote(vote({ salt: 'ééé' })).ok, false, '6 bytes');
  t.equal(
    validateVote(vote({ exchangeRatesText: '1usdr' + ' '.repeat(4091) })).ok,
    true,
    'exactly 4096 bytes',
  );
  t.end();
});

t.test('the salt limit follows the params when given', (t) => {
  t.equal(validateVote(vote({ salt: '123456' }), { saltLengthMax: 8 }).ok, true);
  t.match(validateVote(vote({ salt: '123456789' }), { saltLengthMax: 8 }), {
    error: { message: /^salt length must be \[1, 8\]/ },
  });
  t.end();
});

t.test('an all-space rate text passes, as an empty vote', (t) => {
  t.same(validateVote(vote({ exchangeRatesText: '   ' })), { ok: true, value: [] });
  t.end();
});

t.test('prevote hash: hex first, then exactly 40 characters; upper case is stored lower', (t) => {
  const prevote = { feeder: 'terra1feeder', validator: 'terravaloper1val' };
  t.same(validatePrevote({ ...prevote, hash: 'CCEA811348FE5C8E61AC91BAB3D73111949C0CC5' }), {
    ok: true,
    value: 'ccea811348fe5c8e61ac91bab3d73111949c0cc5',
  });
  t.match(validatePrevote({ ...prevote, hash: 'zz' }), {
    error: {
      name: 'ErrInvalidHash',
      abciCode: 6,
      message: "Invalid vote hash (encoding/hex: invalid byte: U+007A 'z'): invalid hash",
    },
  });
  t.match(validatePrevote({ ...prevote, hash: 'abc' }), {
    error: { message: 'Invalid vote hash (encoding/hex: odd length hex string): invalid hash' },
  });
  t.match(validatePrevote({ ...prevote, hash: 'abcd' }), {
    error: { name: 'ErrInvalidHashLength', abciCode: 7 },
  });
  t.match(validatePrevote({ ...prevote, hash: '' }), { error: { name: 'ErrInvalidHashLength' } });
  t.match(validatePrevote({ ...prevote, feeder: '', hash: 'a'.repeat(40) }), {
    error: { name: 'ErrInvalidAddress' },
  });
  t.end();
});

t.test('delegate feed consent needs both addresses', (t) => {
  t.equal(validateDelegateFeedConsent({ operator: 'terravaloper1val', delegate: 'terra1feeder' }).ok, true);
  t.match(validateDelegateFeedConsent({ operator: 'terravaloper1val', delegate: '' }), {
    error: { message: 'Invalid delegate address (empty address string is not allowed): invalid address' },
  });
  t.end();
});

// MsgSwap / MsgSwapSend ValidateBasic (spec §3.5): exact error strings, in the reference's order.
import t from 'tap';
import * as dec from '@marketnode/dec';
import { OFFER_AMOUNT_BIT_LEN_MAX, validateSwap } from '../src/index.js';
import { RECEIVER, TRADER } from './fixtures/builders.js';

const swap = (offer: string, askDenom: string) => ({ trader: TRADER, offer: dec.parseCoin(offer), askDenom });

t.test('a positive offer of another denom is valid (vector validate_basic.ok)', async (t) => {
  t.equal(validateSwap(swap('1uluna', 'usdr')), undefined);
  t.equal(validateSwap({ ...swap('1uluna', 'usdr'), receiver: RECEIVER }), undefined, 'MsgSwapSend');
});

t.test('a zero offer is ErrInvalidCoins "0uluna: invalid coins" (vector validate_basic.zero)', async (t) => {
  t.match(validateSwap(swap('0uluna', 'usdr')), {
    name: 'ErrInvalidCoins',
    codespace: 'sdk',
    abciCode: 10,
    message: '0uluna: invalid coins',
  });
  t.match(validateSwap({ trader: TRADER, offer: { denom: 'uluna', amount: -5n }, askDenom: 'usdr' }), {
    message: '-5uluna: invalid coins',
  });
});

t.test('an offer of more than 100 bits is ErrInvalidCoins naming the coin', async (t) => {
  const largest = (1n << BigInt(OFFER_AMOUNT_BIT_LEN_MAX)) - 1n;
  t.equal(dec.bitLen(largest), 100);
  t.equal(
    validateSwap({ trader: TRADER, offer: { denom: 'uluna', amount: largest }, askDenom: 'usdr' }),
    undefined,
  );
  t.match(
    validateSwap({ trader: TRADER, offer: { denom: 'uluna', amount: largest + 1n }, askDenom: 'usdr' }),
    {
      name: 'ErrInvalidCoins',
      message: `${largest + 1n}uluna: invalid coins`,
    },
  );
});

t.test(
  'a recursive swap is ErrRecursiveSwap "uluna: recursive swap" (vector validate_basic.recursive)',
  async (t) => {
    t.match(validateSwap(swap('1uluna', 'uluna')), {
      name: 'ErrRecursiveSwap',
      codespace: 'market',
      abciCode: 2,
      message: 'uluna: recursive swap',
    });
  },
);

t.test('the ask denom is not otherwise validated', async (t) => {
  t.equal(validateSwap(swap('1uluna', 'unknown')), undefined);
});

t.test(
  'an empty address is ErrInvalidAddress worded per message type, checked before the coin',
  async (t) => {
    t.match(validateSwap({ ...swap('0uluna', 'usdr'), trader: '' }), {
      name: 'ErrInvalidAddress',
      abciCode: 7,
      message: 'Invalid trader address (empty address string is not allowed): invalid address',
    });
    t.match(validateSwap({ ...swap('1uluna', 'usdr'), trader: '', receiver: RECEIVER }), {
      message: 'Invalid from address (empty address string is not allowed): invalid address',
    });
    t.match(validateSwap({ ...swap('1uluna', 'usdr'), receiver: '' }), {
      message: 'Invalid to address (empty address string is not allowed): invalid address',
    });
  },
);

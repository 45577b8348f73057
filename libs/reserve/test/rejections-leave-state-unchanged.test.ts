import t from 'tap';
import * as dec from '@marketnode/dec';
import { executeReserveSwap, type ExchangeRates } from '../src/index.js';
import {
  BTC,
  ONE_BTC,
  RATES,
  TRADER,
  UST,
  USD,
  d,
  stateDigest,
  world,
  type WorldOptions,
} from './support/fixtures.js';

interface RejectionCase {
  readonly name: string;
  readonly world?: WorldOptions;
  readonly before?: (w: ReturnType<typeof world>) => void;
  readonly offer: { denom: string; amount: bigint };
  readonly askDenom: string;
  readonly code: string;
  readonly message: string;
}

function ratesWithout(denom: string): ExchangeRates {
  return new Map([...RATES].filter(([key]) => key !== denom));
}

const CASES: readonly RejectionCase[] = [
  {
    name: 'zero offer',
    offer: { denom: UST, amount: 0n },
    askDenom: BTC,
    code: 'SDK_ERR_INVALID_COINS',
    message: '0uusd: invalid coins',
  },
  {
    name: 'offer above 100 bits',
    offer: { denom: UST, amount: 1n << 100n },
    askDenom: BTC,
    code: 'SDK_ERR_INVALID_COINS',
    message: '1267650600228229401496703205376uusd: invalid coins',
  },
  {
    name: 'recursive swap',
    offer: { denom: UST, amount: 1n },
    askDenom: UST,
    code: 'MARKET_ERR_RECURSIVE_SWAP',
    message: 'uusd: recursive swap',
  },
  {
    name: 'a denom outside the pair',
    offer: { denom: 'ukrw', amount: 1_000n },
    askDenom: BTC,
    code: 'RESERVE_ERR_UNSUPPORTED_PAIR',
    message:
      'ukrw -> ubtc, reserve pair uusd <-> ubtc: the reserve swaps only between its UST and BTC denoms',
  },
  {
    name: 'no BTC rate (exit)',
    world: { rates: ratesWithout(BTC) },
    offer: { denom: UST, amount: 1_000n * USD },
    askDenom: BTC,
    code: 'MARKET_ERR_NO_PRICE',
    message: 'ubtc: no price registered with oracle',
  },
  {
    name: 'no UST rate (entry)',
    world: { rates: ratesWithout(UST) },
    offer: { denom: BTC, amount: ONE_BTC },
    askDenom: UST,
    code: 'MARKET_ERR_NO_PRICE',
    message: 'uusd: no price registered with oracle',
  },
  {
    name: 'offer worth zero at the oracle',
    world: {
      rates: new Map([
        [UST, dec.fromScaled(1n)],
        [BTC, d('80')],
      ]),
    },
    offer: { denom: BTC, amount: 1n },
    askDenom: UST,
    code: 'SDK_ERR_INVALID_COINS',
    message: '1.000000000000000000ubtc: invalid coins',
  },
  {
    name: 'payout rounds to zero',
    offer: { denom: UST, amount: 1n },
    askDenom: BTC,
    code: 'MARKET_ERR_ZERO_SWAP_COIN',
    message: 'zero swap coin',
  },
  {
    name: 'trader lacks the offer',
    world: { traderUst: 5n },
    offer: { denom: UST, amount: 1_000n * USD },
    askDenom: BTC,
    code: 'SDK_ERR_INSUFFICIENT_FUNDS',
    message: '5uusd is smaller than 1000000000uusd: insufficient funds',
  },
  {
    name: 'reserve inventory too small',
    world: { reserveUst: 1_000n },
    offer: { denom: BTC, amount: ONE_BTC },
    askDenom: UST,
    code: 'RESERVE_ERR_INSUFFICIENT_INVENTORY',
    message: 'reserve has 1000uusd available, swap pays 39960000000uusd: insufficient reserve inventory',
  },
  {
    name: 'daily cap reached',
    before: (w) => {
      w.reserve.redeemedTodayBtc = 100n * ONE_BTC;
    },
    offer: { denom: UST, amount: 1_000n * USD },
    askDenom: BTC,
    code: 'RESERVE_ERR_DAILY_CAP_REACHED',
    message:
      'daily redemption cap 100000000ubtc, paid today 100000000ubtc, left today 0ubtc, swap pays 24500ubtc: daily redemption cap reached',
  },
];

for (const c of CASES) {
  t.test(`a rejected swap leaves every byte of state unchanged: ${c.name}`, async (t) => {
    // Given a funded reserve and trader
    const w = world(c.world);
    c.before?.(w);
    const before = stateDigest(w);
    // When the swap is attempted
    const result = executeReserveSwap(w, {
      trader: TRADER,
      receiver: TRADER,
      offer: c.offer,
      askDenom: c.askDenom,
    });
    // Then it is rejected with the stable code and the exact message, and nothing moved
    t.notOk(result.ok);
    if (!result.ok) {
      t.equal(result.error.code, c.code);
      t.equal(result.error.message, c.message);
    }
    t.equal(stateDigest(w), before);
  });
}

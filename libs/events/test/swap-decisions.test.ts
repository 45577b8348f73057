// Given a node with oracle rates, when a Swap command is applied, then the uusd <-> ubtc pair goes
// to the reserve and every other pair to the market, and the event states exactly what the core's
// handler computed on an identical twin state; every rejection leaves the state hash unchanged.
import t from 'tap';
import * as dec from '@marketnode/dec';
import { balanceOf, MODULE_ACCOUNTS } from '@marketnode/bank';
import { executeSwap } from '@marketnode/market';
import { pricesOf } from '@marketnode/node-state';
import { executeReserveSwap } from '@marketnode/reserve';
import { applyCommand, stateHash, type Event, type SwapExecuted, type SwapRejected } from '../src/index.js';
import { devnet, hex, nodeWithRates, OTHER_TRADER, swapCommand, TRADER } from './support/devnet.js';

function only<T extends Event>(events: Event[], type: T['type']): T {
  if (events.length !== 1 || events[0]?.type !== type)
    throw new Error(`expected one ${type}, got ${JSON.stringify(events.map((e) => e.type))}`);
  return events[0] as T;
}

t.test('a LUNA market swap states what the market handler computed, with the rates it used', async (t) => {
  const { state, height } = nodeWithRates();
  const twin = nodeWithRates().state;
  const command = swapCommand({ offer: { denom: 'uusd', amount: 1_000_000_000n }, askDenom: 'uluna' });

  const event = only<SwapExecuted>(applyCommand(state, command, { height }), 'SwapExecuted');
  const core = executeSwap({ market: twin.market, prices: pricesOf(twin), bank: twin.bank }, command);
  if (!core.ok) throw new Error(core.error.message);

  t.match(event, {
    venue: 'market',
    pool: 'market',
    requestId: 'request-1',
    trader: TRADER,
    receiver: TRADER,
  });
  t.same(event.swapCoin, core.value.swapCoin);
  t.same(event.feeCoin, core.value.feeCoin);
  t.equal(event.offerValue, core.value.pricing.baseOfferUsdr);
  t.equal(event.askAtOracleRate, core.value.pricing.ret.amount);
  t.equal(event.spread, core.value.pricing.spread);
  t.equal(event.fee, core.value.feeDec);
  t.equal(event.destroyedDust, core.value.destroyedDec);
  t.equal(event.poolDeltaDenom, 'usdr');
  t.equal(event.poolDeltaBefore, core.value.terraPoolDeltaBefore);
  t.equal(event.poolDeltaAfter, core.value.terraPoolDeltaAfter);
  t.equal(event.offerRate, state.oracle.exchangeRates.get('uusd'), 'the oracle rate of the offer denom');
  t.equal(event.askRate, dec.ONE, 'uluna is priced at exactly 1');
  t.equal(hex(stateHash(state)), hex(stateHash(twin)), 'the same state as the handler left');
});

t.test('uusd -> ubtc goes to the reserve exit side, ubtc -> uusd to the entry side', async (t) => {
  for (const [offerDenom, askDenom, amount, pool] of [
    ['uusd', 'ubtc', 1_000_000_000n, 'reserveExit'],
    ['ubtc', 'uusd', 100_000n, 'reserveEntry'],
  ] as const) {
    const { state, height } = nodeWithRates();
    const twin = nodeWithRates().state;
    const command = swapCommand({ offer: { denom: offerDenom, amount }, askDenom, receiver: OTHER_TRADER });

    const event = only<SwapExecuted>(applyCommand(state, command, { height }), 'SwapExecuted');
    const context = { reserve: twin.reserve, rates: twin.oracle.exchangeRates, bank: twin.bank };
    const core = executeReserveSwap(context, command);
    if (!core.ok) throw new Error(core.error.message);

    t.match(event, { venue: 'reserve', pool, receiver: OTHER_TRADER, poolDeltaDenom: 'uusd' }, pool);
    t.same(event.swapCoin, core.value.quote.swapCoin, `${pool}: swap coin`);
    t.same(event.feeCoin, core.value.quote.feeCoin, `${pool}: fee coin`);
    t.equal(event.spread, core.value.quote.spread);
    t.equal(event.offerValue, core.value.quote.offerValueUst);
    t.equal(event.askAtOracleRate, core.value.quote.askAtOracleRate);
    t.equal(event.destroyedDust, dec.ZERO, 'the reserve mints nothing, so it destroys nothing');
    t.equal(event.poolDeltaBefore, dec.ZERO);
    t.equal(event.poolDeltaAfter, core.value.deltaAfterUst);
    t.equal(event.offerRate, state.oracle.exchangeRates.get(offerDenom));
    t.equal(event.askRate, state.oracle.exchangeRates.get(askDenom));
    t.equal(hex(stateHash(state)), hex(stateHash(twin)), `${pool}: the same state as the handler left`);
  }
});

t.test('a pair with ubtc but not uusd is the market, not the reserve', async (t) => {
  const { state, height } = nodeWithRates();
  const reserveBtcBefore = balanceOf(state.bank, MODULE_ACCOUNTS.reserve, 'ubtc');
  const event = only<SwapExecuted>(
    applyCommand(state, swapCommand({ offer: { denom: 'uluna', amount: 1_000_000n }, askDenom: 'ubtc' }), {
      height,
    }),
    'SwapExecuted',
  );
  t.equal(event.venue, 'market');
  t.equal(
    balanceOf(state.bank, MODULE_ACCOUNTS.reserve, 'ubtc'),
    reserveBtcBefore,
    'the reserve did not pay',
  );
});

interface RejectionCase {
  readonly name: string;
  readonly offer: { readonly denom: string; readonly amount: bigint };
  readonly askDenom: string;
  readonly receiver?: string;
  readonly withoutRates?: boolean;
  readonly ratesText?: string;
  readonly code: string;
}

const REJECTIONS: readonly RejectionCase[] = [
  {
    name: 'no oracle rate yet',
    offer: { denom: 'uusd', amount: 1_000n },
    askDenom: 'uluna',
    withoutRates: true,
    code: 'MARKET_ERR_NO_PRICE',
  },
  {
    name: 'no rate for the reserve',
    offer: { denom: 'uusd', amount: 1_000n },
    askDenom: 'ubtc',
    withoutRates: true,
    code: 'MARKET_ERR_NO_PRICE',
  },
  {
    name: 'more than the trader holds',
    offer: { denom: 'uusd', amount: 2_000_000_000_000n },
    askDenom: 'uluna',
    code: 'SDK_ERR_INSUFFICIENT_FUNDS',
  },
  {
    name: 'a zero offer',
    offer: { denom: 'uusd', amount: 0n },
    askDenom: 'uluna',
    code: 'SDK_ERR_INVALID_COINS',
  },
  {
    name: 'an offer of 2^100',
    offer: { denom: 'uusd', amount: 1n << 100n },
    askDenom: 'uluna',
    code: 'SDK_ERR_INVALID_COINS',
  },
  {
    name: 'a recursive swap',
    offer: { denom: 'uusd', amount: 1_000n },
    askDenom: 'uusd',
    code: 'MARKET_ERR_RECURSIVE_SWAP',
  },
  {
    name: 'an empty receiver',
    offer: { denom: 'uusd', amount: 1_000n },
    askDenom: 'uluna',
    receiver: '',
    code: 'SDK_ERR_INVALID_ADDRESS',
  },
  {
    name: 'an empty receiver on the reserve',
    offer: { denom: 'uusd', amount: 1_000n },
    askDenom: 'ubtc',
    receiver: '',
    code: 'SDK_ERR_INVALID_ADDRESS',
  },
  {
    name: 'a reserve payout above its inventory',
    offer: { denom: 'uusd', amount: 999_000_000_000n },
    askDenom: 'ubtc',
    ratesText: '60.0usdr,80.0uusd,2.0ubtc', // BTC at $40: 999e9 uusd buy more than its 1e10 ubtc
    code: 'RESERVE_ERR_INSUFFICIENT_INVENTORY',
  },
];

t.test('every rejected swap is a SwapRejected with its code, and the state hash does not move', async (t) => {
  for (const c of REJECTIONS) {
    const { state, height } =
      c.withoutRates === true
        ? { state: devnet(), height: 0n }
        : nodeWithRates(c.ratesText === undefined ? {} : { ratesText: c.ratesText });
    const before = hex(stateHash(state));
    const command = swapCommand({
      offer: c.offer,
      askDenom: c.askDenom,
      ...(c.receiver === undefined ? {} : { receiver: c.receiver }),
    });
    const events = applyCommand(state, command, { height });
    const rejected = events[0] as SwapRejected;
    t.equal(events.length, 1, c.name);
    t.match(rejected, { type: 'SwapRejected', requestId: 'request-1', trader: TRADER, code: c.code }, c.name);
    t.equal(hex(stateHash(state)), before, `${c.name}: nothing changed`);
  }
});

t.test(
  'the daily redemption cap stops a reserve exit that would cross it, and changes nothing',
  async (t) => {
    // BTC at $40 (2 ubtc per uluna at $80): the cap, 10% of 10,000 BTC, is 1e9 ubtc, about 4e10 uusd.
    const { state, height } = nodeWithRates({ ratesText: '60.0usdr,80.0uusd,2.0ubtc' });
    const exit = (trader: string, amount: bigint) =>
      applyCommand(state, swapCommand({ offer: { denom: 'uusd', amount }, askDenom: 'ubtc', trader }), {
        height,
      });
    t.equal(exit(TRADER, 30_000_000_000n)[0]?.type, 'SwapExecuted', 'within the cap');
    t.equal(exit(OTHER_TRADER, 10_000_000_000n)[0]?.type, 'SwapExecuted', 'still within the cap');
    const before = hex(stateHash(state));
    t.match(exit(OTHER_TRADER, 10_000_000_000n), [
      { type: 'SwapRejected', code: 'RESERVE_ERR_DAILY_CAP_REACHED' },
    ]);
    t.equal(hex(stateHash(state)), before, 'the capped swap changed nothing');
  },
);

t.test('a reference panic inside a market swap is SDK_ERR_PANIC and changes nothing', async (t) => {
  // BasePool 0 with a zero delta: the virtual Terra pool is empty and ComputeSwap divides by zero.
  const { state, height } = nodeWithRates({ basePool: dec.ZERO });
  const before = hex(stateHash(state));
  const events = applyCommand(
    state,
    swapCommand({ offer: { denom: 'uusd', amount: 1_000n }, askDenom: 'uluna' }),
    { height },
  );
  t.match(events, [{ type: 'SwapRejected', code: 'SDK_ERR_PANIC', message: /division by zero.*: panic$/ }]);
  t.equal(hex(stateHash(state)), before);
});

t.test('a reference panic inside a reserve swap is SDK_ERR_PANIC and changes nothing', async (t) => {
  // A BTC rate of 10^60 per uluna: converting a 2^100 - 1 uusd offer overflows Dec's 316 bits.
  const exchangeRates = new Map([
    ['uusd', dec.ONE],
    ['ubtc', dec.fromInt(10n ** 60n)],
  ]);
  const state = devnet({ exchangeRates });
  const before = hex(stateHash(state));
  const events = applyCommand(
    state,
    swapCommand({ offer: { denom: 'uusd', amount: (1n << 100n) - 1n }, askDenom: 'ubtc' }),
    { height: 0n },
  );
  t.match(events, [{ type: 'SwapRejected', code: 'SDK_ERR_PANIC', message: /overflow.*: panic$/ }]);
  t.equal(hex(stateHash(state)), before);
});

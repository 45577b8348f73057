import t from 'tap';
import * as dec from '@marketnode/dec';
import * as reserve from '../src/index.js';
import {
  createReserveState,
  dayStartHeight,
  validateReserveParams,
  type ReserveSideParams,
} from '../src/index.js';
import { d, paramsWith, side } from './support/fixtures.js';

t.test('every named parameter set is valid', async (t) => {
  t.same(validateReserveParams(reserve.PROPOSAL_RESERVE_PARAMS), []);
  const sides = Object.entries(reserve).filter(([name]) => name.endsWith('_SIDE') || name.includes('_SIDE_'));
  t.equal(sides.length, 11, 'side presets');
  for (const [name, value] of sides) {
    const problems = validateReserveParams(
      paramsWith({ entry: value as ReserveSideParams, exit: value as ReserveSideParams }),
    );
    t.same(problems, [], name);
  }
});

t.test('the proposal set is the one in the spec', async (t) => {
  const { entry, exit, dailyRedemptionCapFraction, blocksPerDay, btcDenom, ustDenom } =
    reserve.PROPOSAL_RESERVE_PARAMS;
  t.same(entry, side(500_000_000n, 100n, '0.001'), 'entry: $500M, 10 min, 10 bps');
  t.same(exit, side(500_000_000n, 10n, '0.02'), 'exit: $500M, 1 min, 200 bps');
  t.equal(dailyRedemptionCapFraction, d('0.1'));
  t.equal(blocksPerDay, 14_400n);
  t.same([btcDenom, ustDenom], ['ubtc', 'uusd']);
});

t.test('invalid parameters are refused with messages that say what to fix', async (t) => {
  const problems = validateReserveParams(
    paramsWith({
      entry: { basePool: dec.ZERO, poolRecoveryPeriod: 0n, minSpread: d('1.5') },
      dailyRedemptionCapFraction: d('-0.1'),
      blocksPerDay: 0n,
      btcDenom: 'uusd',
    }),
  );
  t.same(problems, [
    'entry.basePool must be > 0, got 0.000000000000000000',
    'entry.poolRecoveryPeriod must be > 0 blocks, got 0',
    'entry.minSpread must be in [0, 1], got 1.500000000000000000',
    'btcDenom and ustDenom must differ, both are "uusd"',
    'dailyRedemptionCapFraction must be in [0, 1], got -0.100000000000000000',
    'blocksPerDay must be > 0, got 0',
  ]);
  t.same(validateReserveParams(paramsWith({ ustDenom: '1x' })), ['ustDenom "1x" is not a valid denom']);
});

t.test(
  'a new state starts in the day window of its first height, with its BTC as the cap base',
  async (t) => {
    const state = createReserveState(reserve.DEFAULT_RESERVE_PARAMS, {
      inventoryBtc: 5n,
      startHeight: 30_000n,
    });
    t.equal(state.dayIndex, 2n);
    t.equal(dayStartHeight(state), 28_800n);
    t.equal(state.dayCapBaseBtc, 5n);
    t.equal(state.entryDeltaUst, dec.ZERO);
    t.equal(state.redeemedTodayBtc, 0n);
  },
);

t.test('the Dec square root is the truncated root', async (t) => {
  t.equal(reserve.sqrtTruncate(d('0.98')), d('0.989949493661166534'));
  t.equal(reserve.sqrtTruncate(d('4')), d('2'));
  t.equal(reserve.integerSqrt(10n ** 40n - 1n), 10n ** 20n - 1n);
  t.throws(() => reserve.integerSqrt(-1n), RangeError);
});

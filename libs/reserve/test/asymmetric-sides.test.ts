import t from 'tap';
import * as dec from '@marketnode/dec';
import { curveSpread, executeReserveSwap, quoteReserveSwap, type ReserveSwapOutcome } from '../src/index.js';
import { BTC, TRADER, UST, USD, paramsWith, side, world, type World } from './support/fixtures.js';

const POOL = side(100_000_000n, 10n, '0');
const ONE_MILLION_UST = { denom: UST, amount: 1_000_000n * USD };

function swap(w: World, offer: { denom: string; amount: bigint }, askDenom: string): ReserveSwapOutcome {
  const result = executeReserveSwap(w, { trader: TRADER, receiver: TRADER, offer, askDenom });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function exitSpreadNow(w: World): dec.Dec {
  const quote = quoteReserveSwap(w, { offer: ONE_MILLION_UST, askDenom: BTC });
  if (!quote.ok) throw new Error(quote.error.message);
  return quote.value.spread;
}

t.test('a buy-and-sell round trip widens both sides instead of netting to zero', async (t) => {
  // Given both sides at BasePool $100M with no floor, so the curve alone sets the spread
  const params = paramsWith({ exit: POOL, entry: POOL, dailyRedemptionCapFraction: dec.ONE });
  const w = world({ params, reserveBtc: 1_000_000_000n });
  const exitSpreads: dec.Dec[] = [exitSpreadNow(w)];
  const entrySpreads: dec.Dec[] = [];
  // When an attacker redeems $1M of UST for BTC and sells the BTC straight back, five times
  for (let round = 1; round <= 5; round += 1) {
    const exit = swap(w, ONE_MILLION_UST, BTC);
    const entry = swap(w, exit.quote.swapCoin, UST);
    entrySpreads.push(entry.quote.spread);
    exitSpreads.push(exitSpreadNow(w));
    // Then each side's delta grows with its own flow only
    t.equal(
      w.reserve.exitDeltaUst,
      dec.fromInt(BigInt(round) * 1_000_000n * USD),
      `exit delta after round ${round}`,
    );
    t.ok(w.reserve.entryDeltaUst < dec.ZERO, 'entry delta is pushed below zero by entry flow');
  }
  // Then both sides' spreads widen round after round
  for (let i = 1; i < exitSpreads.length; i += 1) {
    t.ok((exitSpreads[i] as dec.Dec) > (exitSpreads[i - 1] as dec.Dec), `exit spread widens (${i})`);
  }
  for (let i = 1; i < entrySpreads.length; i += 1) {
    t.ok((entrySpreads[i] as dec.Dec) > (entrySpreads[i - 1] as dec.Dec), `entry spread widens (${i})`);
  }
  // Whereas one netted delta would have stayed near zero and kept the spread near the first trade's
  const nettedDelta = dec.add(w.reserve.exitDeltaUst, w.reserve.entryDeltaUst);
  const netted = curveSpread({
    basePool: POOL.basePool,
    delta: nettedDelta,
    direction: 'stableIn',
    base: dec.fromInt(ONE_MILLION_UST.amount),
    minSpread: dec.ZERO,
  });
  t.ok(
    dec.mulInt(netted.spread, 4n) < (exitSpreads[5] as dec.Dec),
    'netted spread is far narrower than the exit side',
  );
});

t.test('exit flow moves only the exit delta, entry flow only the entry delta', async (t) => {
  const w = world();
  swap(w, ONE_MILLION_UST, BTC);
  t.equal(w.reserve.entryDeltaUst, dec.ZERO, 'exit swap leaves the entry delta alone');
  const exitDelta = w.reserve.exitDeltaUst;
  swap(w, { denom: BTC, amount: 10_000_000n }, UST);
  t.equal(w.reserve.exitDeltaUst, exitDelta, 'entry swap leaves the exit delta alone');
  t.ok(w.reserve.entryDeltaUst < dec.ZERO);
});

import t from 'tap';
import { balanceOf } from '@marketnode/bank';
import * as dec from '@marketnode/dec';
import { executeReserveSwap } from '../src/index.js';
import {
  BTC,
  ONE_BTC,
  RESERVE,
  TRADER,
  UST,
  USD,
  paramsWith,
  stateDigest,
  world,
} from './support/fixtures.js';

// The daily cap is lifted (fraction 1) so that only the inventory can stop a swap here.
const NO_CAP = paramsWith({ dailyRedemptionCapFraction: dec.ONE });

t.test('an exit paying more BTC than the reserve holds is rejected, naming what is available', async (t) => {
  // Given a reserve holding 10 BTC ($400,000)
  const w = world({ params: NO_CAP, reserveBtc: 10n * ONE_BTC });
  const before = stateDigest(w);
  // When $500,000 of UST is offered for BTC (about 12.25 BTC after the 2% floor)
  const result = executeReserveSwap(w, {
    trader: TRADER,
    receiver: TRADER,
    offer: { denom: UST, amount: 500_000n * USD },
    askDenom: BTC,
  });
  // Then it is rejected and nothing changed
  t.notOk(result.ok);
  if (result.ok) return;
  t.equal(result.error.code, 'RESERVE_ERR_INSUFFICIENT_INVENTORY');
  t.equal(result.error.codespace, 'reserve');
  t.match(
    result.error.message,
    /^reserve has 10000000ubtc available, swap pays 12\d{6}ubtc: insufficient reserve inventory$/,
  );
  t.equal(stateDigest(w), before);
});

t.test('the reserve can be drained to its last coin, then refuses', async (t) => {
  // Given a reserve holding 1 BTC
  const w = world({ params: NO_CAP, reserveBtc: ONE_BTC });
  // When $10,000 redemptions (0.245 BTC each) are made until one is refused
  let accepted = 0;
  for (;;) {
    const result = executeReserveSwap(w, {
      trader: TRADER,
      receiver: TRADER,
      offer: { denom: UST, amount: 10_000n * USD },
      askDenom: BTC,
    });
    if (!result.ok) {
      t.equal(result.error.code, 'RESERVE_ERR_INSUFFICIENT_INVENTORY');
      break;
    }
    accepted += 1;
  }
  // Then four were paid and what is left is less than one more payout
  t.equal(accepted, 4);
  t.ok(balanceOf(w.bank, RESERVE, BTC) < 245_000n);
});

t.test('entry pays UST only out of UST the reserve holds, which exit flow refills', async (t) => {
  // Given a reserve with no UST at all
  const w = world({ params: NO_CAP, reserveUst: 0n });
  const entry = { trader: TRADER, receiver: TRADER, offer: { denom: BTC, amount: ONE_BTC }, askDenom: UST };
  // When BTC is offered for UST, then it is refused: nothing is minted
  const refused = executeReserveSwap(w, entry);
  t.notOk(refused.ok);
  if (!refused.ok)
    t.equal(
      refused.error.message,
      'reserve has 0uusd available, swap pays 39960000000uusd: insufficient reserve inventory',
    );
  // When an exit swap first brings $50,000 of UST into the reserve, then the same entry is paid
  const exit = executeReserveSwap(w, {
    ...entry,
    offer: { denom: UST, amount: 50_000n * USD },
    askDenom: BTC,
  });
  t.ok(exit.ok);
  const paid = executeReserveSwap(w, entry);
  t.ok(paid.ok);
  if (paid.ok) t.equal(balanceOf(w.bank, RESERVE, UST), 50_000n * USD - paid.value.quote.swapCoin.amount);
});

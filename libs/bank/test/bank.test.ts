// The bank moves, mints and burns coins while keeping supply = sum of balances.
import t from 'tap';
import {
  balanceOf,
  burn,
  checkSpendable,
  cloneBank,
  createBank,
  mint,
  supplyOf,
  transfer,
} from '../src/index.js';

function sumOfBalances(bank: ReturnType<typeof createBank>, denom: string): bigint {
  let total = 0n;
  for (const holdings of bank.balances.values()) total += holdings.get(denom) ?? 0n;
  return total;
}

t.test('mint, transfer and burn keep the supply equal to the sum of balances', async (t) => {
  const bank = createBank();
  mint(bank, 'alice', 'uusd', 100n);
  transfer(bank, 'alice', 'bob', 'uusd', 40n);
  burn(bank, 'bob', 'uusd', 15n);
  t.equal(balanceOf(bank, 'alice', 'uusd'), 60n);
  t.equal(balanceOf(bank, 'bob', 'uusd'), 25n);
  t.equal(supplyOf(bank, 'uusd'), 85n);
  t.equal(sumOfBalances(bank, 'uusd'), 85n);
});

t.test('emptied balances and supplies disappear, so equal holdings have equal shape', async (t) => {
  const bank = createBank();
  mint(bank, 'alice', 'uusd', 5n);
  transfer(bank, 'alice', 'bob', 'uusd', 5n);
  burn(bank, 'bob', 'uusd', 5n);
  t.same([...bank.balances.keys()], []);
  t.same([...bank.supply.keys()], []);
});

t.test('spending more than is held is rejected by the check and asserted by the mutation', async (t) => {
  const bank = createBank();
  mint(bank, 'alice', 'uluna', 9n);
  const rejection = checkSpendable(bank, 'alice', 'uluna', 10n);
  t.equal(rejection?.code, 'SDK_ERR_INSUFFICIENT_FUNDS');
  t.equal(rejection?.message, '9uluna is smaller than 10uluna: insufficient funds');
  t.equal(checkSpendable(bank, 'alice', 'uluna', 9n), undefined);
  t.throws(() => transfer(bank, 'alice', 'bob', 'uluna', 10n), /assertion failed/);
  t.throws(() => burn(bank, 'alice', 'uluna', 10n), /assertion failed/);
  t.throws(() => mint(bank, 'alice', 'uluna', -1n), /assertion failed/);
  t.equal(balanceOf(bank, 'alice', 'uluna'), 9n);
});

t.test('a clone is independent of the original', async (t) => {
  const bank = createBank();
  mint(bank, 'alice', 'uusd', 10n);
  const copy = cloneBank(bank);
  transfer(copy, 'alice', 'bob', 'uusd', 10n);
  t.equal(balanceOf(bank, 'alice', 'uusd'), 10n);
  t.equal(balanceOf(copy, 'bob', 'uusd'), 10n);
});

/**
 * Slash burns stake and supply; jail and the staking end block take a validator out of the set.
 */
import t from 'tap';
import * as bank from '@marketnode/bank';
import * as dec from '@marketnode/dec';
import { createStakingState, jail, slash, stakingEndBlock, type StakingState } from '../src/index.js';

function given(tokens: bigint): { staking: StakingState; bank: bank.BankState } {
  const staking = createStakingState();
  staking.validators.set('val', {
    operator: 'val',
    account: 'account:val',
    tokens,
    status: 'bonded',
    jailed: false,
  });
  const bankState = bank.createBank();
  bank.mint(bankState, bank.MODULE_ACCOUNTS.bondedPool, 'uluna', tokens);
  return { staking, bank: bankState };
}

t.test('slash burns ⌊power · 10^6 · fraction⌋ from the stake, the bonded pool and the supply', (t) => {
  // Given 100.5 LUNA of stake (power 100)
  const context = given(100_500_000n);
  // When slashed 0.01% of power 100
  const burned = slash(context, { operator: 'val', power: 100n, slashFraction: dec.parse('0.0001') });
  // Then 10,000 uluna are gone everywhere (the sub-power remainder is not part of the base)
  t.equal(burned, 10_000n);
  t.equal(context.staking.validators.get('val')?.tokens, 100_490_000n);
  t.equal(bank.balanceOf(context.bank, bank.MODULE_ACCOUNTS.bondedPool, 'uluna'), 100_490_000n);
  t.equal(bank.supplyOf(context.bank, 'uluna'), 100_490_000n);
  t.end();
});

t.test('the slash amount is truncated', (t) => {
  const context = given(3_000_000n);
  t.equal(
    slash(context, { operator: 'val', power: 3n, slashFraction: dec.parse('0.0000003') }),
    0n,
    '0.9 → 0',
  );
  t.equal(
    slash(context, { operator: 'val', power: 3n, slashFraction: dec.parse('0.0000007') }),
    2n,
    '2.1 → 2',
  );
  t.end();
});

t.test('a slash never burns more than the stake', (t) => {
  const context = given(1_000_000n);
  t.equal(slash(context, { operator: 'val', power: 5n, slashFraction: dec.ONE }), 1_000_000n);
  t.equal(context.staking.validators.get('val')?.tokens, 0n);
  t.end();
});

t.test('slashing a missing validator does nothing; an unbonded one is a programmer error', (t) => {
  const context = given(1_000_000n);
  t.equal(slash(context, { operator: 'gone', power: 1n, slashFraction: dec.ONE }), 0n);
  const validator = context.staking.validators.get('val');
  if (validator !== undefined) validator.status = 'unbonded';
  t.throws(() => slash(context, { operator: 'val', power: 1n, slashFraction: dec.ONE }));
  t.end();
});

t.test('jail, then the staking end block moves the validator to unbonding', (t) => {
  const { staking } = given(1_000_000n);
  jail(staking, 'val');
  t.equal(staking.validators.get('val')?.jailed, true);
  t.equal(staking.validators.get('val')?.status, 'bonded', 'still bonded until the end block');
  t.same(stakingEndBlock(staking), ['val']);
  t.equal(staking.validators.get('val')?.status, 'unbonding');
  t.same(stakingEndBlock(staking), [], 'nothing left to move');
  t.end();
});

t.test('jailing twice, or an unknown validator, is a programmer error', (t) => {
  const { staking } = given(1_000_000n);
  jail(staking, 'val');
  t.throws(() => jail(staking, 'val'));
  t.throws(() => jail(staking, 'gone'));
  t.end();
});

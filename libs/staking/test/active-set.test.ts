/**
 * Consensus power and the active set the oracle builds its claims from.
 */
import t from 'tap';
import {
  POWER_REDUCTION,
  consensusPower,
  createStakingState,
  totalBondedTokens,
  validatorsByPower,
  type StakingState,
  type Validator,
  type ValidatorStatus,
} from '../src/index.js';

function validator(
  operator: string,
  tokens: bigint,
  status: ValidatorStatus = 'bonded',
  jailed = false,
): Validator {
  return { operator, account: `account:${operator}`, tokens, status, jailed };
}

function stakingOf(validators: readonly Validator[], maxValidators = 130): StakingState {
  const staking = createStakingState({ maxValidators });
  for (const v of validators) staking.validators.set(v.operator, v);
  return staking;
}

t.test('consensus power is tokens / 10^6, truncated', (t) => {
  t.equal(POWER_REDUCTION, 1_000_000n);
  t.equal(consensusPower(validator('a', 10_999_999n)), 10n);
  t.equal(consensusPower(validator('a', 999_999n)), 0n);
  t.end();
});

t.test('total bonded tokens counts bonded validators, jailed ones included until the end block', (t) => {
  const staking = stakingOf([
    validator('a', 10n),
    validator('b', 20n, 'bonded', true),
    validator('c', 40n, 'unbonding'),
    validator('d', 80n, 'unbonded'),
  ]);
  t.equal(totalBondedTokens(staking), 30n);
  t.end();
});

t.test('the active set: bonded, unjailed, by power descending then operator ascending, capped', (t) => {
  // Given validators inserted in a scrambled order, with power ties and sub-power remainders
  const staking = stakingOf(
    [
      validator('c', 5_000_000n),
      validator('a', 5_999_999n),
      validator('z', 9_000_000n, 'bonded', true),
      validator('b', 7_000_000n),
      validator('u', 8_000_000n, 'unbonding'),
      validator('d', 1_000_000n),
    ],
    3,
  );
  // Then equal power (a and c are both 5) falls back to the operator
  t.same(
    validatorsByPower(staking).map((v) => v.operator),
    ['b', 'a', 'c'],
  );
  t.end();
});

t.test('the active set does not depend on the insertion order of the validator map', (t) => {
  const validators = [validator('x', 3_000_000n), validator('y', 3_000_000n), validator('w', 3_000_000n)];
  const forward = validatorsByPower(stakingOf(validators, 2)).map((v) => v.operator);
  const backward = validatorsByPower(stakingOf([...validators].reverse(), 2)).map((v) => v.operator);
  t.same(forward, ['w', 'x']);
  t.same(backward, forward);
  t.end();
});

t.test('maxValidators must be a non-negative integer', (t) => {
  t.throws(() => createStakingState({ maxValidators: -1 }), RangeError);
  t.end();
});

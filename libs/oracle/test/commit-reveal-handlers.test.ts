/**
 * Given/when/then over the commit-reveal handlers (spec §4.2, §4.3): the check order of a vote,
 * the reveal window, feeder delegation, and that a rejected command leaves the state unchanged.
 */
import t, { type Test } from 'tap';
import * as dec from '@marketnode/dec';
import type { Result } from '@marketnode/errors';
import {
  DEFAULT_ORACLE_PARAMS,
  aggregateVoteHash,
  delegateFeedConsent,
  submitPrevote,
  submitVote,
  type OracleContext,
  type SubmitVote,
} from '../src/index.js';
import { accountOf, scenario } from './support/fixtures.js';
import { snapshot } from './support/snapshot.js';

const VOTE_PERIOD_5 = { ...DEFAULT_ORACLE_PARAMS, votePeriod: 5n };
const RATES = '1700.000000000000000000usdr,95000.000000000000000000ukrw';

function given(params = VOTE_PERIOD_5): OracleContext {
  return scenario({ params, powers: { valA: 10, valB: 10 } });
}

function honestVote(overrides: Partial<SubmitVote> = {}): SubmitVote {
  return {
    feeder: accountOf('valA'),
    validator: 'valA',
    salt: 'abcd',
    exchangeRatesText: RATES,
    ...overrides,
  };
}

function commit(context: OracleContext, vote: SubmitVote, height: bigint): void {
  const hash = aggregateVoteHash({
    salt: vote.salt,
    exchangeRatesText: vote.exchangeRatesText,
    voter: vote.validator,
  });
  const result = submitPrevote(context, { feeder: vote.feeder, validator: vote.validator, hash }, height);
  if (!result.ok) throw new Error(`prevote rejected: ${result.error.message}`);
}

/** Runs a command that must be rejected and returns the rejection's ABCI code; the state must not move. */
function rejectedCode<T>(t: Test, context: OracleContext, run: () => Result<T>): number {
  const before = snapshot(context);
  const result = run();
  t.same(snapshot(context), before, 'state unchanged');
  if (result.ok) throw new Error('expected a rejection');
  return result.error.abciCode;
}

t.test('a committed vote revealed in the next period is stored and its prevote deleted', (t) => {
  // Given a prevote at height 12 (period 2)
  const context = given();
  commit(context, honestVote(), 12n);
  // When the vote is revealed at height 15 (period 3)
  const result = submitVote(context, honestVote(), 15n);
  // Then
  t.equal(result.ok, true);
  t.same(context.oracle.votes.get('valA')?.exchangeRates, [
    { denom: 'usdr', exchangeRate: dec.parse('1700') },
    { denom: 'ukrw', exchangeRate: dec.parse('95000') },
  ]);
  t.equal(context.oracle.prevotes.has('valA'), false);
  t.end();
});

t.test('the vote handler checks feeder (5), prevote (11), period (9), denom (14), hash (8) in order', (t) => {
  const context = given();
  const faulty = honestVote({ feeder: 'terra1stranger', exchangeRatesText: '1.0ujpy' });
  t.equal(
    rejectedCode(t, context, () => submitVote(context, faulty, 12n)),
    5,
    'wrong feeder first',
  );
  const ownFeeder = { ...faulty, feeder: accountOf('valA') };
  t.equal(
    rejectedCode(t, context, () => submitVote(context, ownFeeder, 12n)),
    11,
    'then no prevote',
  );
  commit(context, honestVote(), 12n);
  t.equal(
    rejectedCode(t, context, () => submitVote(context, ownFeeder, 12n)),
    9,
    'then the reveal period',
  );
  t.equal(
    rejectedCode(t, context, () => submitVote(context, ownFeeder, 15n)),
    14,
    'then an unknown denom',
  );
  const wrongSalt = honestVote({ salt: 'zzzz' });
  t.equal(
    rejectedCode(t, context, () => submitVote(context, wrongSalt, 15n)),
    8,
    'then the hash',
  );
  t.equal(submitVote(context, honestVote(), 15n).ok, true, 'and the honest vote passes');
  t.end();
});

t.test('rejections carry the reference messages', (t) => {
  const context = given();
  t.match(submitVote(context, honestVote({ feeder: 'terra1stranger' }), 15n), {
    error: {
      codespace: 'oracle',
      name: 'ErrNoVotingPermission',
      message: 'terra1stranger: unauthorized voter',
    },
  });
  t.match(submitVote(context, honestVote(), 15n), {
    error: { name: 'ErrNoAggregatePrevote', message: 'valA: no aggregate prevote' },
  });
  commit(context, honestVote(), 12n);
  t.match(submitVote(context, honestVote({ exchangeRatesText: '1.0ujpy' }), 15n), {
    error: { name: 'ErrUnknownDenom', message: 'ujpy: unknown denom' },
  });
  const expected = aggregateVoteHash({ salt: 'abcd', exchangeRatesText: RATES, voter: 'valA' });
  const given2 = aggregateVoteHash({ salt: 'zzzz', exchangeRatesText: RATES, voter: 'valA' });
  t.match(submitVote(context, honestVote({ salt: 'zzzz' }), 15n), {
    error: {
      name: 'ErrVerificationFailed',
      message: `must be given ${expected} not ${given2}: hash verification failed`,
    },
  });
  t.end();
});

t.test('reveal rule with vote period 1: prevote at 0 reveals only at 1', (t) => {
  for (const [height, code] of [
    [0n, 9],
    [2n, 9],
  ] as const) {
    const context = given({ ...DEFAULT_ORACLE_PARAMS, votePeriod: 1n });
    commit(context, honestVote(), 0n);
    t.equal(
      rejectedCode(t, context, () => submitVote(context, honestVote(), height)),
      code,
      `height ${height}`,
    );
  }
  const context = given({ ...DEFAULT_ORACLE_PARAMS, votePeriod: 1n });
  commit(context, honestVote(), 0n);
  t.equal(submitVote(context, honestVote(), 1n).ok, true, 'height 1');
  t.end();
});

t.test('with vote period 5 a prevote at 12 reveals exactly at heights 15 to 19', (t) => {
  const accepted: bigint[] = [];
  for (let height = 12n; height <= 21n; height += 1n) {
    const context = given();
    commit(context, honestVote(), 12n);
    if (submitVote(context, honestVote(), height).ok) accepted.push(height);
  }
  t.same(accepted, [15n, 16n, 17n, 18n, 19n]);
  t.end();
});

t.test('a delegated feeder may vote, and so may the operator account still', (t) => {
  // Given valA delegated its feed to a bot
  const context = given();
  t.same(delegateFeedConsent(context, { operator: 'valA', delegate: 'terra1bot' }), {
    ok: true,
    value: { operator: 'valA', delegate: 'terra1bot' },
  });
  // Then the bot, and the own account, may prevote; anyone else may not
  const hash = 'ab'.repeat(20);
  t.equal(submitPrevote(context, { feeder: 'terra1bot', validator: 'valA', hash }, 1n).ok, true);
  t.equal(submitPrevote(context, { feeder: accountOf('valA'), validator: 'valA', hash }, 1n).ok, true);
  t.equal(
    rejectedCode(t, context, () =>
      submitPrevote(context, { feeder: accountOf('valB'), validator: 'valA', hash }, 1n),
    ),
    5,
  );
  t.end();
});

t.test('a validator that is not bonded cannot feed', (t) => {
  const context = given();
  const validator = context.staking.validators.get('valB');
  if (validator !== undefined) validator.status = 'unbonding';
  const prevote = { feeder: accountOf('valB'), validator: 'valB', hash: 'ab'.repeat(20) };
  t.equal(
    rejectedCode(t, context, () => submitPrevote(context, prevote, 1n)),
    3,
  );
  t.match(submitPrevote(context, prevote, 1n), {
    error: { codespace: 'staking', message: 'validator valB is not active set: validator does not exist' },
  });
  t.end();
});

t.test('an unknown validator: its delegate learns it does not exist, anyone else is unauthorized', (t) => {
  const context = given();
  context.oracle.feederDelegations.set('valGone', 'terra1bot');
  const hash = 'ab'.repeat(20);
  t.equal(
    rejectedCode(t, context, () =>
      submitPrevote(context, { feeder: 'terra1bot', validator: 'valGone', hash }, 1n),
    ),
    3,
  );
  t.equal(
    rejectedCode(t, context, () =>
      submitPrevote(context, { feeder: 'terra1x', validator: 'valGone', hash }, 1n),
    ),
    5,
  );
  t.end();
});

t.test('delegating the feed needs an existing validator, in any status', (t) => {
  const context = given();
  t.match(
    rejectedCode(t, context, () =>
      delegateFeedConsent(context, { operator: 'valGone', delegate: 'terra1bot' }),
    ),
    3,
  );
  const validator = context.staking.validators.get('valB');
  if (validator !== undefined) validator.status = 'unbonded';
  t.equal(delegateFeedConsent(context, { operator: 'valB', delegate: 'terra1bot' }).ok, true);
  t.equal(context.oracle.feederDelegations.get('valB'), 'terra1bot');
  t.end();
});

t.test('a new prevote overwrites the old one, so a prevote sent before the reveal breaks it', (t) => {
  // Given a prevote at 12
  const context = given();
  commit(context, honestVote(), 12n);
  // When the next period's prevote (for other rates) is sent at 15 before the vote
  const next = honestVote({ salt: 'next' });
  commit(context, next, 15n);
  t.equal(context.oracle.prevotes.get('valA')?.submitBlock, 15n);
  // Then the reveal of the height-12 prevote fails the period check
  t.equal(
    rejectedCode(t, context, () => submitVote(context, honestVote(), 15n)),
    9,
  );
  t.end();
});

t.test('vote first, then the next prevote, in the same block works', (t) => {
  const context = given();
  commit(context, honestVote(), 12n);
  t.equal(submitVote(context, honestVote(), 15n).ok, true);
  commit(context, honestVote({ salt: 'next' }), 15n);
  t.equal(context.oracle.votes.has('valA'), true);
  t.equal(context.oracle.prevotes.get('valA')?.submitBlock, 15n);
  t.end();
});

t.test('ValidateBasic runs first: a malformed vote is rejected before any state is read', (t) => {
  const context = given();
  t.equal(
    rejectedCode(t, context, () => submitVote(context, honestVote({ feeder: 'x', salt: '' }), 15n)),
    10,
  );
  t.equal(
    rejectedCode(t, context, () =>
      submitPrevote(context, { feeder: 'x', validator: 'valA', hash: 'nothex' }, 1n),
    ),
    6,
  );
  t.end();
});

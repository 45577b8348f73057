// Given a node, when oracle messages are applied, then each succeeds as its past-tense event with
// what the handler stored, or fails as OracleMessageRejected with the reference's code, changing
// nothing.
import t from 'tap';
import * as dec from '@marketnode/dec';
import { aggregateVoteHash } from '@marketnode/oracle';
import { applyCommand, stateHash, type Command } from '../src/index.js';
import { devnet, hex, RATES_TEXT, SALT, VALIDATORS } from './support/devnet.js';

const [ALPHA, BETA] = VALIDATORS;

t.test(
  'a delegation, a prevote and its reveal are FeederDelegated, PrevoteSubmitted, VoteSubmitted',
  async (t) => {
    const state = devnet();
    t.same(
      applyCommand(
        state,
        { type: 'DelegateFeedConsent', operator: ALPHA.operator, delegate: 'terra1feeder' },
        { height: 0n },
      ),
      [{ type: 'FeederDelegated', operator: ALPHA.operator, delegate: 'terra1feeder' }],
    );
    t.equal(state.oracle.feederDelegations.get(ALPHA.operator), 'terra1feeder');

    const hash = aggregateVoteHash({ salt: SALT, exchangeRatesText: RATES_TEXT, voter: ALPHA.operator });
    const upperHash = hash.toUpperCase();
    const prevote = {
      type: 'SubmitPrevote',
      feeder: 'terra1feeder',
      validator: ALPHA.operator,
      hash: upperHash,
    } as const;
    t.same(
      applyCommand(state, prevote, { height: 1n }),
      [
        {
          type: 'PrevoteSubmitted',
          validator: ALPHA.operator,
          feeder: 'terra1feeder',
          hash,
          submitBlock: 1n,
        },
      ],
      'the hash is stored in lower case, stamped with the block height',
    );

    const vote = {
      type: 'SubmitVote',
      feeder: 'terra1feeder',
      validator: ALPHA.operator,
      salt: SALT,
      exchangeRatesText: RATES_TEXT,
    } as const;
    t.same(applyCommand(state, vote, { height: 2n }), [
      {
        type: 'VoteSubmitted',
        validator: ALPHA.operator,
        feeder: 'terra1feeder',
        exchangeRatesText: RATES_TEXT,
        exchangeRates: [
          { denom: 'usdr', exchangeRate: dec.parse('60') },
          { denom: 'uusd', exchangeRate: dec.parse('80') },
          { denom: 'ubtc', exchangeRate: dec.parse('0.002') },
        ],
      },
    ]);
  },
);

t.test('rejected oracle messages name the command, sender and validator, and change nothing', async (t) => {
  const hash = aggregateVoteHash({ salt: SALT, exchangeRatesText: RATES_TEXT, voter: BETA.operator });
  const cases: readonly {
    name: string;
    command: Command;
    code: string;
    sender: string;
    validator: string;
  }[] = [
    {
      name: 'a delegation for an unknown validator',
      command: { type: 'DelegateFeedConsent', operator: 'terravaloper1ghost', delegate: 'terra1x' },
      code: 'STAKING_ERR_NO_VALIDATOR_FOUND',
      sender: 'terravaloper1ghost',
      validator: 'terravaloper1ghost',
    },
    {
      name: 'a prevote from an account that is not the feeder',
      command: { type: 'SubmitPrevote', feeder: ALPHA.account, validator: BETA.operator, hash },
      code: 'ORACLE_ERR_NO_VOTING_PERMISSION',
      sender: ALPHA.account,
      validator: BETA.operator,
    },
    {
      name: 'a prevote hash that is not hex',
      command: { type: 'SubmitPrevote', feeder: BETA.account, validator: BETA.operator, hash: 'zz' },
      code: 'ORACLE_ERR_INVALID_HASH',
      sender: BETA.account,
      validator: BETA.operator,
    },
    {
      name: 'a vote without a prevote',
      command: {
        type: 'SubmitVote',
        feeder: BETA.account,
        validator: BETA.operator,
        salt: SALT,
        exchangeRatesText: RATES_TEXT,
      },
      code: 'ORACLE_ERR_NO_AGGREGATE_PREVOTE',
      sender: BETA.account,
      validator: BETA.operator,
    },
  ];
  for (const c of cases) {
    const state = devnet();
    const before = hex(stateHash(state));
    const events = applyCommand(state, c.command, { height: 0n });
    t.match(
      events,
      [
        {
          type: 'OracleMessageRejected',
          command: c.command.type,
          sender: c.sender,
          validator: c.validator,
          code: c.code,
        },
      ],
      c.name,
    );
    t.equal(events.length, 1);
    t.equal(hex(stateHash(state)), before, `${c.name}: nothing changed`);
  }
});

t.test('a reveal that does not match its prevote is rejected and keeps the prevote', async (t) => {
  const state = devnet();
  const hash = aggregateVoteHash({ salt: SALT, exchangeRatesText: RATES_TEXT, voter: ALPHA.operator });
  applyCommand(
    state,
    { type: 'SubmitPrevote', feeder: ALPHA.account, validator: ALPHA.operator, hash },
    { height: 0n },
  );
  const before = hex(stateHash(state));
  const events = applyCommand(
    state,
    {
      type: 'SubmitVote',
      feeder: ALPHA.account,
      validator: ALPHA.operator,
      salt: SALT,
      exchangeRatesText: '61.0usdr,80.0uusd,0.002ubtc',
    },
    { height: 2n },
  );
  t.match(events, [
    { type: 'OracleMessageRejected', command: 'SubmitVote', code: 'ORACLE_ERR_VERIFICATION_FAILED' },
  ]);
  t.equal(hex(stateHash(state)), before);
  t.ok(state.oracle.prevotes.has(ALPHA.operator), 'the prevote is still there to be revealed');
});

// Every subject of the table parses back to what built it, identity included; a token that could
// change a subject's shape (`.`, `*`, `>`, whitespace, ...) is refused when building and when parsing.
import t from 'tap';
import fc from 'fast-check';
import { propertyOptions } from '@marketnode/testkit';
import {
  committedSubject,
  InvalidSubjectTokenError,
  ORACLE_ACTIONS,
  oracleActionPattern,
  oracleResultSubject,
  oracleSubject,
  parseSubject,
  QUERY_KINDS,
  querySubject,
  SUBJECT_TOKEN_CHARS_MAX,
  SUBJECTS,
  swapSendSubject,
  swapSubject,
} from '../src/index.js';

const TOKEN_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-';
const token = fc
  .array(fc.constantFrom(...TOKEN_CHARS), { minLength: 1, maxLength: SUBJECT_TOKEN_CHARS_MAX })
  .map((chars) => chars.join(''));
/** A token with at least one character that NATS gives a meaning to, or that we refuse anyway. */
const badToken = fc
  .tuple(token, fc.constantFrom('.', '*', '>', ' ', '\t', '\n', '\r', '$', '\u0000', 'é', '/'), token)
  .map(([before, bad, after]) => before + bad + after);

t.test('a swap subject carries the trader, and parses back to it', async (t) => {
  t.equal(swapSubject('terra1alice'), 'market.swap.terra1alice');
  t.same(parseSubject('market.swap.terra1alice'), { kind: 'swap', trader: 'terra1alice' });
  t.same(parseSubject(swapSendSubject('terra1bob')), { kind: 'swapSend', trader: 'terra1bob' });
  t.equal(swapSendSubject('terra1bob'), 'market.swap-send.terra1bob');
});

t.test('every query, oracle action, result, committed entry and block header round-trips', async (t) => {
  for (const query of QUERY_KINDS) t.same(parseSubject(querySubject(query)), { kind: 'query', query });
  for (const action of ORACLE_ACTIONS) {
    const subject = oracleSubject({ validator: 'terravaloper1alpha', action });
    t.equal(subject, `oracle.terravaloper1alpha.${action}`);
    t.same(parseSubject(subject), { kind: 'oracle', validator: 'terravaloper1alpha', action });
  }
  t.same(parseSubject(oracleResultSubject('terravaloper1alpha')), {
    kind: 'oracleResult',
    validator: 'terravaloper1alpha',
  });
  const seqMax = (1n << 64n) - 1n;
  t.equal(committedSubject(seqMax), 'events.committed.18446744073709551615');
  t.same(parseSubject(committedSubject(seqMax)), { kind: 'committed', seq: seqMax });
  t.same(parseSubject(SUBJECTS.blockHeader), { kind: 'blockHeader' });
});

t.test('a validator named like an action or "result" stays unambiguous', async (t) => {
  // The action is always the third token, so validator names never collide with it.
  t.same(parseSubject(oracleSubject({ validator: 'result', action: 'vote' })), {
    kind: 'oracle',
    validator: 'result',
    action: 'vote',
  });
  t.same(parseSubject(oracleResultSubject('vote')), { kind: 'oracleResult', validator: 'vote' });
});

t.test('property: any valid identity round-trips through every subject that carries one', async (t) => {
  // Fails if a builder and the parser disagree on a position or a kind (e.g. parseMarketSubject
  // returning kind 'swap' for `market.swap-send.*`), or if the token rule refuses a valid character.
  fc.assert(
    fc.property(token, fc.constantFrom(...ORACLE_ACTIONS), (identity, action) => {
      const swap = parseSubject(swapSubject(identity));
      const swapSend = parseSubject(swapSendSubject(identity));
      const oracle = parseSubject(oracleSubject({ validator: identity, action }));
      const result = parseSubject(oracleResultSubject(identity));
      return (
        swap?.kind === 'swap' &&
        swap.trader === identity &&
        swapSend?.kind === 'swapSend' &&
        swapSend.trader === identity &&
        oracle?.kind === 'oracle' &&
        oracle.validator === identity &&
        oracle.action === action &&
        result?.kind === 'oracleResult' &&
        result.validator === identity
      );
    }),
    propertyOptions(),
  );
  t.pass('round trip holds');
});

t.test(
  'property: a token with `.`, `*`, `>`, whitespace or another unsafe character is refused',
  async (t) => {
    // Fails if TOKEN_PATTERN admits any of those characters (e.g. `/^[^.]+$/`, which lets `*` and `>`
    // through and so lets a trader subscribe or publish on a wildcard).
    fc.assert(
      fc.property(badToken, (bad) => {
        const builders = [
          () => swapSubject(bad),
          () => swapSendSubject(bad),
          () => oracleSubject({ validator: bad, action: 'vote' }),
          () => oracleResultSubject(bad),
        ];
        const allThrow = builders.every((build) => {
          try {
            build();
            return false;
          } catch (error) {
            return (
              error instanceof InvalidSubjectTokenError && error.code === 'NATS_ERR_INVALID_SUBJECT_TOKEN'
            );
          }
        });
        // A received subject with such a token is not one of ours (a `.` makes it a 4-token subject).
        const unparsable = [`market.swap.${bad}`, `oracle.${bad}.vote`].every(
          (s) => parseSubject(s) === undefined,
        );
        return allThrow && unparsable;
      }),
      propertyOptions(),
    );
    t.pass('every unsafe token refused');
  },
);

t.test('empty and overlong tokens are refused with a message naming the role', async (t) => {
  t.throws(() => swapSubject(''), { name: 'InvalidSubjectTokenError', role: 'trader', message: /empty/ });
  t.throws(() => oracleResultSubject('v'.repeat(SUBJECT_TOKEN_CHARS_MAX + 1)), {
    role: 'validator',
    message: /longer than 128/,
  });
  t.equal(parseSubject(`market.swap.${'a'.repeat(SUBJECT_TOKEN_CHARS_MAX + 1)}`), undefined);
});

t.test('wildcards, unknown subjects and malformed sequences do not parse', async (t) => {
  for (const subject of [
    SUBJECTS.swaps,
    SUBJECTS.swapSends,
    SUBJECTS.queries,
    SUBJECTS.committed,
    SUBJECTS.oracleResults,
    oracleActionPattern('vote'),
    'market.swap.>',
    'market.swap',
    'market.swap.alice.extra',
    'market.query.secrets',
    'market.burn.alice',
    'oracle.val.abstain',
    'events.committed.007',
    'events.committed.-1',
    'events.committed.18446744073709551616',
    'events.other.1',
    'blocks.footer',
    '',
  ])
    t.equal(parseSubject(subject), undefined, JSON.stringify(subject));
  t.throws(() => committedSubject(-1n), InvalidSubjectTokenError);
  t.throws(() => committedSubject(1n << 64n), InvalidSubjectTokenError);
});

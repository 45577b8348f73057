// Same log in, same bytes out: applying one command log twice from genesis gives the same events
// byte for byte and the same state hash after every block; and no rejected command ever changes a
// byte of state.
import t from 'tap';
import fc from 'fast-check';
import { propertyOptions, propertySeed } from '@marketnode/testkit';
import { applyCommand, stateHash } from '../src/index.js';
import { devnet, hex } from './support/devnet.js';
import { commandsOf, runLog, scriptArb } from './support/scripts.js';

t.comment(`property seed ${propertySeed()} (PROPERTY_SEED replays a run)`);

// Fails if the decider keeps anything between calls that is not in the state, e.g. a module-level
// cache of the market's prices that the second run would find filled by the first.
t.test('the same command log from genesis gives the same event bytes and block hashes', async (t) => {
  fc.assert(
    fc.property(scriptArb({ maxBlocks: 30 }), (script) => {
      const log = commandsOf(script);
      const first = runLog(devnet(), log);
      const second = runLog(devnet(), log);
      return (
        first.blockHashes.join() === second.blockHashes.join() &&
        first.eventBytes.every((bytes, i) => hex(bytes) === hex(second.eventBytes[i] as Uint8Array))
      );
    }),
    propertyOptions(40),
  );
  t.pass('checked by the property above');
});

// Fails if any handler mutates before its last check, e.g. the vote decider deleting the prevote
// before `submitVote` verifies the reveal.
t.test('every rejected command leaves the state hash exactly as it was', async (t) => {
  let rejections = 0;
  fc.assert(
    fc.property(scriptArb({ maxBlocks: 24 }), (script) => {
      const state = devnet();
      for (const { command, height } of commandsOf(script)) {
        const before = hex(stateHash(state));
        const events = applyCommand(state, command, { height });
        const rejected = events.some(
          (event) => event.type === 'SwapRejected' || event.type === 'OracleMessageRejected',
        );
        if (!rejected) continue;
        rejections += 1;
        if (hex(stateHash(state)) !== before) return false;
      }
      return true;
    }),
    propertyOptions(40),
  );
  t.ok(rejections > 100, `the logs held rejections to check (${rejections})`);
});

// The state's canonical bytes: a snapshot decodes to a state that encodes to the same bytes, has the
// same hash, and evolves exactly like the live state; the bytes never depend on the order in which
// Maps were filled.
import t from 'tap';
import fc from 'fast-check';
import { propertyOptions, propertySeed } from '@marketnode/testkit';
import type { NodeState } from '@marketnode/node-state';
import { decodeState, encodeState, hashEncodedState, STATE_HASH_BYTES, stateHash } from '../src/index.js';
import { devnet, hex } from './support/devnet.js';
import { commandsOf, runLog, scriptArb } from './support/scripts.js';

t.comment(`property seed ${propertySeed()} (PROPERTY_SEED replays a run)`);

t.test('the state hash is the SHA-256 of the canonical bytes', async (t) => {
  const state = devnet();
  const hash = stateHash(state);
  t.equal(hash.length, STATE_HASH_BYTES);
  t.equal(hex(hash), hex(hashEncodedState(encodeState(state))));
  t.equal(hex(hash), hex(stateHash(devnet())), 'two geneses alike hash alike');
});

/** Splits a random log in two: the state after the first part is snapshotted. */
const splitScriptArb = fc
  .tuple(scriptArb({ maxBlocks: 24 }), fc.nat())
  .map(([script, cut]) => ({ script, cut: cut % (script.length + 1) }));

// Fails if any part of the state is lost or altered on the way through the snapshot, e.g. decoding
// `missCounters` or `prevotes` to an empty map, or a Dec codec that drops the sign.
t.test('a snapshot at any block boundary round-trips to the same bytes and hash', async (t) => {
  fc.assert(
    fc.property(splitScriptArb, ({ script, cut }) => {
      const state = devnet();
      runLog(state, commandsOf(script.slice(0, cut)));
      const bytes = encodeState(state);
      const restored = decodeState(bytes);
      return hex(encodeState(restored)) === hex(bytes) && hex(stateHash(restored)) === hex(stateHash(state));
    }),
    propertyOptions(60),
  );
  t.pass('checked by the property above');
});

// Fails if the restored state loses anything the live one keeps: e.g. a `decodeState` that drops the
// votes revealed in the current period tallies without them at the period's end.
t.test('a state restored from a snapshot evolves exactly like the live one', async (t) => {
  fc.assert(
    fc.property(splitScriptArb, ({ script, cut }) => {
      // Each block's commands depend only on the blocks before it, so the shorter script's log
      // is a prefix of the whole one: the snapshot is taken at a block boundary.
      const log = commandsOf(script);
      const split = commandsOf(script.slice(0, cut)).length;
      const live = devnet();
      runLog(live, log.slice(0, split));
      const restored = decodeState(encodeState(live));
      const liveRest = runLog(live, log.slice(split));
      const restoredRest = runLog(restored, log.slice(split));
      return (
        restoredRest.blockHashes.join() === liveRest.blockHashes.join() &&
        restoredRest.eventBytes.every((bytes, i) => hex(bytes) === hex(liveRest.eventBytes[i] as Uint8Array))
      );
    }),
    propertyOptions(60),
  );
  t.pass('checked by the property above');
});

/** The same state with every Map refilled in reverse order of its keys. */
function withMapsRefilledInReverse(state: NodeState): NodeState {
  const reversed = <K, V>(map: Map<K, V>): void => {
    const entries = [...map].reverse();
    map.clear();
    for (const [key, value] of entries) map.set(key, value);
  };
  reversed(state.bank.balances);
  for (const holdings of state.bank.balances.values()) reversed(holdings);
  reversed(state.bank.supply);
  reversed(state.staking.validators);
  const { oracle } = state;
  for (const map of [
    oracle.exchangeRates,
    oracle.tobinTaxes,
    oracle.feederDelegations,
    oracle.missCounters,
  ]) {
    reversed(map as Map<string, unknown>);
  }
  reversed(oracle.prevotes);
  reversed(oracle.votes);
  return state;
}

// Fails if a Map is encoded in insertion order (drop the `.sort` in `sortedMapCodec.write` or in
// the bank's balances codec).
t.test('the bytes do not depend on the order in which the Maps were filled', async (t) => {
  fc.assert(
    fc.property(scriptArb({ maxBlocks: 12 }), (script) => {
      const state = devnet();
      runLog(state, commandsOf(script));
      const before = hex(encodeState(state));
      return hex(encodeState(withMapsRefilledInReverse(state))) === before;
    }),
    propertyOptions(60),
  );
  t.pass('checked by the property above');
});

t.test('a decoded state shares nothing mutable with the bytes it came from', async (t) => {
  const bytes = encodeState(devnet());
  const first = decodeState(bytes);
  const second = decodeState(bytes);
  first.bank.balances.clear();
  (first.staking.validators.values().next().value as { jailed: boolean }).jailed = true;
  t.equal(hex(encodeState(second)), hex(bytes));
});

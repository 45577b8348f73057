/**
 * The whole node state as canonical bytes: the snapshot format, and what the state hash is taken
 * of. Equal states give equal bytes whatever order their Maps were filled in; `decodeState` gives
 * back a state that encodes to the same bytes and evolves exactly like the original.
 */
import { createHash } from 'node:crypto';
import type { NodeState } from '@marketnode/node-state';
import { decodeMessage, messageCodec, type MessageCodec } from '../codec/message-codec.js';
import { MsgpackWriter } from '../codec/msgpack-writer.js';
import { decodeWire, type WireRecord } from '../codec/wire.js';
import type { DecodeOptions } from '../versioning/upcasters.js';
import { bankCodec } from './bank-codec.js';
import {
  marketStateCodec,
  oracleStateCodec,
  reserveStateCodec,
  stakingStateCodec,
} from './module-state-codecs.js';

/** The snapshot message: `NodeState` plus its `type` header, so it is versioned like any entry. */
interface NodeStateSnapshot extends NodeState {
  readonly type: 'NodeState';
}

const nodeStateCodec = messageCodec<NodeStateSnapshot>('NodeState', {
  bank: bankCodec,
  staking: stakingStateCodec,
  market: marketStateCodec,
  oracle: oracleStateCodec,
  reserve: reserveStateCodec,
});

const SNAPSHOT_CODECS: ReadonlyMap<string, MessageCodec<NodeStateSnapshot>> = new Map([
  [nodeStateCodec.type, nodeStateCodec],
]);

export const STATE_HASH_BYTES = 32;

export function encodeState(state: NodeState): Uint8Array {
  const writer = new MsgpackWriter();
  nodeStateCodec.write(writer, { type: 'NodeState', ...state });
  return writer.finish();
}

/** The snapshot as a wire value (for dumps; `encodeWire` of it gives the `encodeState` bytes). */
export function stateToWire(state: NodeState): WireRecord {
  return nodeStateCodec.encode({ type: 'NodeState', ...state });
}

/** A fresh, independent state; DecodeError naming the path on anything malformed or not canonical. */
export function decodeState(bytes: Uint8Array, options: DecodeOptions = {}): NodeState {
  const snapshot = decodeMessage(SNAPSHOT_CODECS, decodeWire(bytes, 'state'), {
    path: 'state',
    upcasters: options.upcasters,
  });
  const { bank, staking, market, oracle, reserve } = snapshot;
  return { bank, staking, market, oracle, reserve };
}

/** SHA-256 of `encodeState(state)`. */
export function stateHash(state: NodeState): Uint8Array {
  return hashEncodedState(encodeState(state));
}

/** The state hash of bytes already encoded by `encodeState` (a snapshot), without encoding twice. */
export function hashEncodedState(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(bytes).digest());
}

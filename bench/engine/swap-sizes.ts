/**
 * The sizes of a real swap, so the raw limits are measured with the engine's own bytes: the log entry
 * body the engine appends (`encodeLogBody` of the Swap command and its SwapExecuted event, computed
 * with the core on the demo genesis) and the request and reply that cross NATS.
 */
import { applyCommand, encodeLogBody, eventToWire, type Swap } from '@marketnode/events';
import { encodeReply, okReply } from '@marketnode/nats-kit';
import { createNodeState } from '@marketnode/node-state';
import { readGenesisFile } from '../../services/market-engine/src/genesis/genesis-file.js';
import { encodeSwapRequest, swapRequest } from './swap-stream.js';

export interface SwapSizes {
  /** Mean log entry body of the two directions. */
  readonly entryBodyBytes: number;
  readonly requestBytes: number;
  readonly replyBytes: number;
}

export function measureSwapSizes(options: { genesisPath: string; runTag: string }): SwapSizes {
  const state = createNodeState(readGenesisFile(options.genesisPath).genesis);
  const sizes = { body: 0, request: 0, reply: 0 };
  const samples = 4; // alice and bob, both directions
  for (let index = 0; index < samples; index++) {
    const request = swapRequest(options.runTag, index);
    const command: Swap = { type: 'Swap', receiver: request.trader, ...request };
    const events = applyCommand(state, command, { height: 1n });
    const event = events[0];
    if (event?.type !== 'SwapExecuted') throw new Error(`the sample swap ${index} was not executed`);
    sizes.body += encodeLogBody(command, events).byteLength;
    sizes.request += encodeSwapRequest(request).data.byteLength;
    sizes.reply += encodeReply(okReply(eventToWire(event))).byteLength;
  }
  return {
    entryBodyBytes: Math.round(sizes.body / samples),
    requestBytes: Math.round(sizes.request / samples),
    replyBytes: Math.round(sizes.reply / samples),
  };
}

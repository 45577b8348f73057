/**
 * The engine path, as bench:alloc counts its bytes and bench:paths times it: what the engine's event
 * loop does for a swap outside nats.js. The request read from its bytes and checked, the batch
 * applied (the decider, the events, the log body, the reply), the reply handed over. The demo
 * genesis, the two traders and directions bench:engine sends, `batchSwaps` swaps a batch.
 */
import { fileURLToPath } from 'node:url';
import { knownDenoms as knownDenomsOf, parseSwapRequest, readSwapRequestBytes } from '@marketnode/events';
import type { NewEntry } from '@marketnode/log-store';
import { createNodeState } from '@marketnode/node-state';
import { applyBatch, type BatchContext } from '../services/market-engine/src/engine/apply-batch.js';
import { OutcomeIndex } from '../services/market-engine/src/engine/outcome-index.js';
import { RecordedOutcomes } from '../services/market-engine/src/engine/recorded-outcomes.js';
import type { WorkItem } from '../services/market-engine/src/engine/work-item.js';
import { readGenesisFile } from '../services/market-engine/src/genesis/genesis-file.js';
import { encodeSwapRequest, swapRequest } from './engine/swap-stream.js';

const GENESIS_PATH = fileURLToPath(new URL('../services/market-engine/genesis/demo.json', import.meta.url));

export interface EnginePathOptions {
  /** Swaps each pass sends; every pass sends swaps the others did not. */
  readonly swapsPerPass: number;
  readonly passes: number;
  readonly batchSwaps: number;
}

/**
 * Prepares the requests of every pass (their encoding is the client's work, not timed) and returns
 * the pass runner. `onEntries` sees each batch's log entries (the append path's input).
 */
export function prepareEnginePath(
  options: EnginePathOptions,
  onEntries: (entries: readonly NewEntry[]) => void = () => undefined,
): (pass: number) => void {
  const { swapsPerPass, passes, batchSwaps } = options;
  const { genesis } = readGenesisFile(GENESIS_PATH);
  const state = createNodeState(genesis);
  const knownDenoms = knownDenomsOf(state);
  const ctx: BatchContext = {
    state,
    outcomes: new OutcomeIndex(),
    height: 1n,
    nextSeq: 1n,
    recorded: new RecordedOutcomes(() => {
      throw new Error('the engine path sends no retries');
    }),
    snapshotIntervalBlocks: 100n,
    now: () => 0n,
  };
  const requests = Array.from({ length: passes * swapsPerPass }, (_, index) =>
    encodeSwapRequest(swapRequest('path', index)),
  );
  const answered = { bytes: 0 };
  const respond = (reply: Uint8Array): void => {
    answered.bytes += reply.byteLength;
  };
  return (pass) => {
    const first = pass * swapsPerPass;
    for (let start = first; start < first + swapsPerPass; start += batchSwaps) {
      const items: Extract<WorkItem, { kind: 'swap' }>[] = [];
      for (let index = start; index < start + batchSwaps; index += 1) {
        const { subject, data } = requests[index] as { subject: string; data: Uint8Array };
        const trader = subject.slice(subject.lastIndexOf('.') + 1);
        const parsed = parseSwapRequest(readSwapRequestBytes(data), { trader, knownDenoms, variant: 'swap' });
        if (!parsed.ok) throw new Error(`the engine path: a request was refused: ${parsed.error.message}`);
        items.push({ kind: 'swap', command: parsed.value, respond });
      }
      const batch = applyBatch(ctx, items, false);
      for (const action of batch.afterCommit) action([]);
      ctx.recorded.committed(batch.firstSeq);
      onEntries(batch.entries);
    }
    if (answered.bytes === 0) throw new Error('the engine path: no swap was answered');
  };
}

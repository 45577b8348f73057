/**
 * The minimal engine (minimal-engine-child.ts) as a child program of bench:engine's runs: the least
 * work any engine must do for a swap, with the engine's reply and log body sizes.
 */
import { fileURLToPath } from 'node:url';
import type { ChildProgram } from './engine-process.js';

const MINIMAL_ENGINE_CHILD = fileURLToPath(new URL('./minimal-engine-child.ts', import.meta.url));

export function minimalEngineProgram(sizes: {
  readonly replyBytes: number;
  readonly entryBodyBytes: number;
}): ChildProgram {
  return {
    script: MINIMAL_ENGINE_CHILD,
    env: {
      MINIMAL_REPLY_BYTES: String(sizes.replyBytes),
      MINIMAL_BODY_BYTES: String(sizes.entryBodyBytes),
    },
  };
}

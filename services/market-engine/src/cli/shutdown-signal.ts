/**
 * Waiting for the operator to stop a long-running process. The first SIGINT or SIGTERM asks for a
 * graceful stop; a second one exits at once, which is safe because everything acknowledged is
 * already durable in the log and the next start recovers from it.
 */
import { EXIT_FAILURE } from './usage-error.js';

export interface ShutdownSignal {
  /** Resolves with the first signal received. */
  readonly received: Promise<NodeJS.Signals>;
  /** Removes the handlers (call once stopped). */
  dispose(): void;
}

export function onShutdownSignal(onSecond: (signal: NodeJS.Signals) => void = () => {}): ShutdownSignal {
  let count = 0;
  let resolveReceived: (signal: NodeJS.Signals) => void = () => {};
  const received = new Promise<NodeJS.Signals>((resolve) => (resolveReceived = resolve));
  const handler = (signal: NodeJS.Signals): void => {
    count += 1;
    if (count === 1) return resolveReceived(signal);
    onSecond(signal);
    process.exit(EXIT_FAILURE);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    received,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

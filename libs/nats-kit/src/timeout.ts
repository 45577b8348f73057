/**
 * Every await on the network has a bound (house rule). `withTimeout` races a promise against a timer
 * and rejects with `OperationTimeoutError` naming the operation; the timer never outlives the race.
 */
import { OperationTimeoutError } from './errors.js';

export async function withTimeout<T>(
  promise: Promise<T>,
  options: { readonly timeoutMs: number; readonly operation: string },
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new OperationTimeoutError(options.operation, options.timeoutMs)),
      options.timeoutMs,
    );
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

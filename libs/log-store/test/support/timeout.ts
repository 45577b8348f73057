/** Every await in the tests is bounded: a hung child or a missing entry fails the test, never hangs it. */
export const AWAIT_TIMEOUT_MS = 20_000;

export async function withTimeout<T>(
  promise: Promise<T>,
  what: string,
  timeoutMs = AWAIT_TIMEOUT_MS,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The exit codes of `marketnode`, and the error that means "the command line was wrong" (exit 2),
 * as opposed to an operation that failed (exit 1).
 */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code = 'CLI_ERR_USAGE';
}

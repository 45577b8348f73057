/**
 * The operating errors of price sources. A source that fails is down for this round only: the error
 * is a value the aggregation reports (and part of the feeder turns into a metric and a log line),
 * never a crash. The codes are stable; the README lists them with what to do.
 */
export const FEEDER_SOURCE_ERROR_CODES = [
  /** The fetch took longer than the source's `timeoutMs`. */
  'FEEDER_ERR_SOURCE_TIMEOUT',
  /** The connection failed (refused, reset, DNS): nothing came back. */
  'FEEDER_ERR_SOURCE_UNREACHABLE',
  /** The server answered with a non-2xx HTTP status. */
  'FEEDER_ERR_SOURCE_HTTP_STATUS',
  /** The API answered with an error of its own in the body (Kraken's `error` list). */
  'FEEDER_ERR_SOURCE_API_ERROR',
  /** The body was larger than the source accepts. */
  'FEEDER_ERR_SOURCE_TOO_LARGE',
  /** The body was not in the documented format (not JSON, fields missing, a price not a positive decimal). */
  'FEEDER_ERR_SOURCE_MALFORMED',
  /** The source has no price yet (a recorded file that starts later, a subject nobody published on). */
  'FEEDER_ERR_SOURCE_NO_DATA',
  /** The round was cancelled by the caller before the source answered. */
  'FEEDER_ERR_SOURCE_ABORTED',
  /** The source was closed. */
  'FEEDER_ERR_SOURCE_CLOSED',
] as const;

export type FeederSourceErrorCode = (typeof FEEDER_SOURCE_ERROR_CODES)[number];

export class FeederSourceError extends Error {
  override readonly name = 'FeederSourceError';
  constructor(
    readonly code: FeederSourceErrorCode,
    readonly source: string,
    message: string,
    options?: { readonly cause?: unknown },
  ) {
    super(`${source}: ${message}`, options);
  }
}

/** A source's configuration is unusable: thrown when the source is built, before any round runs. */
export class FeederSourceConfigError extends Error {
  override readonly name = 'FeederSourceConfigError';
  readonly code = 'FEEDER_ERR_SOURCE_CONFIG';
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
  }
}

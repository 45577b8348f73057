/**
 * The feeder's own operating errors: small named classes with a stable code and a message that says
 * what to do (docs/errors.md lists the codes). Source failures have theirs in `sources/`.
 */

/** The configuration file is missing, not JSON, or breaks a rule; the message names the field. */
export class FeederConfigError extends Error {
  override readonly name = 'FeederConfigError';
  readonly code = 'FEEDER_ERR_CONFIG';
  constructor(
    readonly field: string,
    problem: string,
    options?: ErrorOptions,
  ) {
    super(`feeder config: ${field} ${problem}`, options);
  }
}

/** The engine did not answer the params query the votes are timed by, or answered something else. */
export class FeederEngineParamsError extends Error {
  override readonly name = 'FeederEngineParamsError';
  readonly code = 'FEEDER_ERR_ENGINE_PARAMS';
  constructor(detail: string, options?: ErrorOptions) {
    super(
      `cannot read the oracle params from the engine (${detail}): check that the engine runs on the ` +
        'NATS server the feeder is configured with',
      options,
    );
  }
}

/**
 * The client's own operating errors: small named classes with a stable `code` and a message that
 * says what to do. Transport failures keep the class nats-kit gave them (`RequestTimeoutError`,
 * `NoRespondersError`, ...: every one has a `code` too), so a caller matches on `code` alone.
 * Business rejections are never thrown: they come back as `{ ok: false, error }` values.
 */
export abstract class MarketClientError extends Error {
  abstract readonly code: string;
}

/** An argument the engine would refuse anyway, caught before anything is sent. */
export class InvalidArgumentError extends MarketClientError {
  override readonly name = 'InvalidArgumentError';
  readonly code = 'CLIENT_ERR_INVALID_ARGUMENT';
  constructor(
    readonly argument: string,
    rule: string,
  ) {
    super(`invalid ${argument}: ${rule}`);
  }
}

/** No connection to the NATS servers within the connect bound (refused, unreachable, too slow). */
export class ConnectFailedError extends MarketClientError {
  override readonly name = 'ConnectFailedError';
  readonly code = 'CLIENT_ERR_CONNECT_FAILED';
  constructor(
    readonly servers: string,
    options: ErrorOptions,
  ) {
    super(
      `cannot connect to NATS at ${servers} (${describe(options.cause)}): check the URL and that ` +
        `nats-server and the engine run there (npm start prints the URL of a local node)`,
      options,
    );
  }
}

/** A reply or published message that does not have the shape docs/protocol.md gives it. */
export class UnexpectedReplyError extends MarketClientError {
  override readonly name = 'UnexpectedReplyError';
  readonly code = 'CLIENT_ERR_UNEXPECTED_REPLY';
  constructor(
    readonly subject: string,
    readonly path: string,
    readonly problem: string,
  ) {
    super(
      `the message on ${subject} does not follow the protocol at ${path}: ${problem}; check that the ` +
        `engine and this client run the same protocol version`,
    );
  }
}

/** No result was published for a validator's oracle message within the wait. */
export class OracleResultTimeoutError extends MarketClientError {
  override readonly name = 'OracleResultTimeoutError';
  readonly code = 'CLIENT_ERR_ORACLE_RESULT_TIMEOUT';
  constructor(
    readonly validator: string,
    readonly timeoutMs: number,
  ) {
    super(
      `no oracle result for ${validator} within ${timeoutMs} ms: check that the engine is running and ` +
        `that the wait started before the message was published`,
    );
  }
}

/** The client was closed; nothing more can be sent or received through it. */
export class ClientClosedError extends MarketClientError {
  override readonly name = 'ClientClosedError';
  readonly code = 'CLIENT_ERR_CLOSED';
  constructor() {
    super('the market client was closed: connect a new one');
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

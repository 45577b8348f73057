/**
 * The operating errors of the NATS layer: small named classes with a stable `code` (the same code a
 * wire error reply carries where one exists) and a message that says what to do. They are thrown or
 * rejected, never swallowed: a caller matches on `instanceof` or on `code`.
 */
export abstract class NatsKitError extends Error {
  abstract readonly code: string;
}

/** A subject token (a trader, a validator, a sequence) that would change the subject's shape. */
export class InvalidSubjectTokenError extends NatsKitError {
  override readonly name = 'InvalidSubjectTokenError';
  readonly code = 'NATS_ERR_INVALID_SUBJECT_TOKEN';
  constructor(
    readonly role: string,
    readonly token: string,
    rule: string,
  ) {
    super(`invalid ${role} ${JSON.stringify(token)} in a subject: ${rule}`);
  }
}

/** A payload over the agreed byte limit: refused before it is sent or decoded. */
export class PayloadTooLargeError extends NatsKitError {
  override readonly name = 'PayloadTooLargeError';
  readonly code = 'WIRE_ERR_PAYLOAD_TOO_LARGE';
  constructor(
    readonly payloadBytes: number,
    readonly bytesMax: number,
  ) {
    super(
      `payload of ${payloadBytes} bytes exceeds the limit of ${bytesMax} bytes: send less ` +
        `(split the request) or raise the limit on both sides`,
    );
  }
}

/** No reply within the request's timeout: the responder is slow, overloaded or gone. */
export class RequestTimeoutError extends NatsKitError {
  override readonly name = 'RequestTimeoutError';
  readonly code = 'NATS_ERR_REQUEST_TIMEOUT';
  constructor(
    readonly subject: string,
    readonly timeoutMs: number,
  ) {
    super(
      `no reply on ${subject} within ${timeoutMs} ms: check that the responder is running and not ` +
        `overloaded, then retry with the same request id`,
    );
  }
}

/** The server said at once that nobody subscribes to the subject (status 503). */
export class NoRespondersError extends NatsKitError {
  override readonly name = 'NoRespondersError';
  readonly code = 'NATS_ERR_NO_RESPONDERS';
  constructor(readonly subject: string) {
    super(`no responder is subscribed to ${subject}: start the service that answers it (the engine?)`);
  }
}

/** The requester already has its limit of requests in flight (and waiting) and cannot take more. */
export class InFlightFullError extends NatsKitError {
  override readonly name = 'InFlightFullError';
  readonly code = 'NATS_ERR_IN_FLIGHT_FULL';
  constructor(
    readonly inFlightMax: number,
    readonly waitingMax: number,
  ) {
    super(
      `${inFlightMax} requests are in flight and ${waitingMax} more are waiting for a slot: ` +
        `wait for replies before sending more`,
    );
  }
}

/** The requester was closed (by its owner or because the connection closed) before the reply came. */
export class RequesterClosedError extends NatsKitError {
  override readonly name = 'RequesterClosedError';
  readonly code = 'NATS_ERR_REQUESTER_CLOSED';
  constructor(reason: string, options?: ErrorOptions) {
    super(`request abandoned: ${reason}; open a new connection and requester to send again`, options);
  }
}

/** The client library refused to publish (invalid subject, connection draining, ...). */
export class PublishFailedError extends NatsKitError {
  override readonly name = 'PublishFailedError';
  readonly code = 'NATS_ERR_PUBLISH_FAILED';
  constructor(subject: string, options: ErrorOptions) {
    super(`could not publish on ${subject}: ${describeCause(options.cause)}`, options);
  }
}

/** A network operation that did not finish within its bound. */
export class OperationTimeoutError extends NatsKitError {
  override readonly name = 'OperationTimeoutError';
  readonly code = 'NATS_ERR_OPERATION_TIMEOUT';
  constructor(
    readonly operation: string,
    readonly timeoutMs: number,
  ) {
    super(`${operation} did not finish within ${timeoutMs} ms`);
  }
}

/** The `nats-server` binary is not installed (or not where we were told to look). */
export class NatsServerNotFoundError extends NatsKitError {
  override readonly name = 'NatsServerNotFoundError';
  readonly code = 'NATS_ERR_SERVER_NOT_FOUND';
  constructor(readonly searched: readonly string[]) {
    super(
      `nats-server was not found (looked at: ${searched.join(', ')}). Install it with ` +
        `"sudo apt-get install nats-server" (Debian/Ubuntu), or set NATS_SERVER_BIN to its path`,
    );
  }
}

/** `nats-server` was found but did not come up (bad config, port taken, too slow). */
export class NatsServerStartError extends NatsKitError {
  override readonly name = 'NatsServerStartError';
  readonly code = 'NATS_ERR_SERVER_START_FAILED';
  constructor(reason: string, logTail: readonly string[]) {
    super(`nats-server did not start: ${reason}${formatLogTail(logTail)}`);
  }
}

/** `nats-server` survived SIGTERM and SIGKILL within the bounds: the process table needs a look. */
export class NatsServerStopError extends NatsKitError {
  override readonly name = 'NatsServerStopError';
  readonly code = 'NATS_ERR_SERVER_STOP_FAILED';
  constructor(pid: number, timeoutMs: number) {
    super(`nats-server (pid ${pid}) did not exit within ${timeoutMs} ms of SIGKILL: kill it by hand`);
  }
}

function describeCause(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

function formatLogTail(lines: readonly string[]): string {
  return lines.length === 0 ? '' : `\nlast lines of its log:\n  ${lines.join('\n  ')}`;
}

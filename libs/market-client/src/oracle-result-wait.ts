/**
 * Waiting for one oracle result: a one-message subscription on the validator's result subject,
 * bounded by a timer, unsubscribed however it ends. The subscription is made synchronously, before
 * the caller's publish, so the result cannot arrive before anyone listens.
 */
import { oracleResultSubject } from '@marketnode/nats-kit';
import type { Msg, NatsConnection } from '@nats-io/transport-node';
import { ClientClosedError, OracleResultTimeoutError } from './client-errors.js';
import type { OracleResult } from './views.js';

export function waitForOracleResult(
  nc: NatsConnection,
  options: {
    readonly validator: string;
    readonly timeoutMs: number;
    readonly read: (msg: Msg) => OracleResult;
  },
): Promise<OracleResult> {
  return new Promise<OracleResult>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!subscription.isClosed()) subscription.unsubscribe();
      outcome();
    };
    const subscription = nc.subscribe(oracleResultSubject(options.validator), {
      max: 1,
      callback: (error, msg) => {
        if (error !== null) return settle(() => reject(error));
        try {
          const result = options.read(msg);
          settle(() => resolve(result));
        } catch (readError) {
          settle(() => reject(readError));
        }
      },
    });
    const timer = setTimeout(
      () => settle(() => reject(new OracleResultTimeoutError(options.validator, options.timeoutMs))),
      options.timeoutMs,
    );
    // The connection closing ends the subscription without a message.
    void subscription.closed.then(
      () => settle(() => reject(new ClientClosedError())),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}

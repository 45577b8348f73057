/**
 * How a process finds its NATS user, and where its replies go. Under deploy/nats/nats-server.conf
 * every role connects as its own user; the password comes from the environment, never from a
 * command line (which `ps` shows to everyone). Each user may subscribe only to replies under its
 * own inbox prefix, `_INBOX_<user>`, so nobody can read another's replies.
 */
import type { NatsUserAuth } from './connection.js';
import { assertSubjectToken } from './subjects.js';

export const NATS_USER_ENV = 'MARKETNODE_NATS_USER';
export const NATS_PASSWORD_ENV = 'MARKETNODE_NATS_PASSWORD';

export class NatsAuthEnvError extends Error {
  override readonly name = 'NatsAuthEnvError';
  readonly code = 'NATS_ERR_AUTH_ENV';
  constructor(missing: string) {
    super(`${missing} is not set: set both ${NATS_USER_ENV} and ${NATS_PASSWORD_ENV}, or neither`);
  }
}

/** The user from the environment; undefined when neither variable is set (a server without auth). */
export function natsAuthFromEnv(env: NodeJS.ProcessEnv = process.env): NatsUserAuth | undefined {
  const user = env[NATS_USER_ENV];
  const pass = env[NATS_PASSWORD_ENV];
  if (user === undefined && pass === undefined) return undefined;
  if (user === undefined) throw new NatsAuthEnvError(NATS_USER_ENV);
  if (pass === undefined) throw new NatsAuthEnvError(NATS_PASSWORD_ENV);
  return { user, pass };
}

/** `_INBOX_<user>`: the reply prefix the deploy config lets only `user` subscribe to. */
export function userInboxPrefix(user: string): string {
  assertSubjectToken(user, 'NATS user');
  return `_INBOX_${user}`;
}

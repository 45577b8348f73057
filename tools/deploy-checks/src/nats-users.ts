/**
 * The users of deploy/nats/nats-server.conf and their passwords. The config reads each password
 * from an environment variable (`password: $NATS_PW_...`); a check gives every one a fresh random
 * value in its own process environment, which the nats-server child inherits, so the file is
 * tested exactly as deployed.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { NatsUserAuth } from '@marketnode/nats-kit';
import { NATS_CONFIG_PATH } from './deploy-files.js';

const USER_ENTRY = /user:\s*([A-Za-z0-9_-]+),\s*password:\s*\$([A-Z0-9_]+)/g;

export interface DeployNatsUsers {
  readonly configText: string;
  /** user -> its credentials. */
  readonly users: ReadonlyMap<string, NatsUserAuth>;
  auth(user: string): NatsUserAuth;
}

/** Reads the deploy config, sets a random password for each of its users in `process.env`. */
export function deployNatsUsers(): DeployNatsUsers {
  const configText = readFileSync(NATS_CONFIG_PATH, 'utf8');
  const users = new Map<string, NatsUserAuth>();
  for (const [, user, variable] of configText.matchAll(USER_ENTRY)) {
    if (user === undefined || variable === undefined) continue;
    // nats-server parses a variable's value as config: a password starting with a digit would
    // read as a number, so it starts with a letter (docs/operations.md says the same).
    const pass = `pw${randomBytes(12).toString('hex')}`;
    process.env[variable] = pass;
    users.set(user, { user, pass });
  }
  return {
    configText,
    users,
    auth(user) {
      const found = users.get(user);
      if (found === undefined) throw new Error(`deploy/nats/nats-server.conf has no user ${user}`);
      return found;
    },
  };
}

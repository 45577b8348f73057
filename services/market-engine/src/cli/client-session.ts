/**
 * The options every command that talks to the engine shares, and one connected client for the
 * length of the command, closed however the command ends.
 */
import { MarketClient } from '@marketnode/market-client';
import { NATS_PASSWORD_ENV, NATS_USER_ENV, natsAuthFromEnv, userInboxPrefix } from '@marketnode/nats-kit';
import { natsUrlOption, positiveIntegerOption } from './command-line.js';

/** How long a command waits for the engine's reply unless `--timeout-ms` says otherwise. */
export const CLI_TIMEOUT_MS_DEFAULT = 5_000;

export const CLIENT_OPTIONS = {
  nats: { type: 'string' },
  'timeout-ms': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const CLIENT_OPTIONS_HELP = `  --nats URL            NATS server of the engine (default nats://127.0.0.1:4222)
  --timeout-ms MS       how long to wait for the engine (default ${CLI_TIMEOUT_MS_DEFAULT})
  --json                print the answer as one line of JSON (amounts as strings)
  -h, --help            show this help

A server that authenticates (deploy/nats) takes the user from ${NATS_USER_ENV} and
${NATS_PASSWORD_ENV}; replies then come on the user's own inbox.`;

export interface ClientSettings {
  readonly natsUrl: string;
  readonly timeoutMs: number;
}

/** Validates the shared options (usage errors first, before any connection is tried). */
export function clientSettings(values: { nats?: string; 'timeout-ms'?: string }): ClientSettings {
  return {
    natsUrl: natsUrlOption(values.nats),
    timeoutMs: positiveIntegerOption(values['timeout-ms'], 'timeout-ms') ?? CLI_TIMEOUT_MS_DEFAULT,
  };
}

export async function withClient<T>(
  settings: ClientSettings,
  use: (client: MarketClient) => Promise<T>,
): Promise<T> {
  const auth = natsAuthFromEnv();
  const client = await MarketClient.connect({
    servers: settings.natsUrl,
    ...(auth === undefined ? {} : { auth, inboxPrefix: userInboxPrefix(auth.user) }),
    name: 'marketnode-cli',
    timeoutMs: settings.timeoutMs,
    connectTimeoutMs: settings.timeoutMs,
    // A command line tool should fail fast, not wait a minute for a server to come back.
    reconnect: false,
  });
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

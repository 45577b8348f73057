/**
 * `marketnode query pool|rates|params|balance|reserve`: the engine's read-only answers.
 */
import type { Answer, MarketClient } from '@marketnode/market-client';
import { printAnswer } from '../answer-output.js';
import type { CliIo } from '../cli-io.js';
import { CLIENT_OPTIONS, CLIENT_OPTIONS_HELP, clientSettings, withClient } from '../client-session.js';
import { parseCommandLine, requiredOption } from '../command-line.js';
import { reportThrown } from '../error-report.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../usage-error.js';

export const HELP = `Usage: marketnode query WHAT [options]

Reads the engine's state as of the last command applied:

  pool                  the market's base pool, Terra pool delta and virtual pools
  rates                 oracle exchange rates (denom per LUNA) and Tobin taxes
  params                market, oracle and reserve params
  balance --account A   the balances of account A
  reserve               the reserve pool's deltas, inventory and daily redemption window

Options:
  --account ACCOUNT     the account, for balance
${CLIENT_OPTIONS_HELP}

Examples:
  marketnode query rates --nats nats://127.0.0.1:4222
  marketnode query balance --account terra1alice
  marketnode query pool --json

Exit codes: 0 answered, 1 failed, 2 usage error.
`;

const OPTIONS = { ...CLIENT_OPTIONS, account: { type: 'string' } } as const;
const QUERIES = ['pool', 'rates', 'params', 'balance', 'reserve'] as const;
type Query = (typeof QUERIES)[number];

export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, OPTIONS, { positionals: 1 });
  if (values.help === true) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  const query = queryOf(positionals[0]);
  const settings = clientSettings(values);
  const account = query === 'balance' ? requiredOption(values.account, 'account', 'terra1alice') : undefined;
  if (query !== 'balance' && values.account !== undefined)
    throw new UsageError(`--account is for "query balance", not "query ${query}"`);
  let answer: Answer<unknown>;
  try {
    answer = await withClient(settings, (client) => ask(client, query, account));
  } catch (error) {
    reportThrown(io.stderr, error);
    return EXIT_FAILURE;
  }
  return printAnswer(io, answer, { json: values.json === true });
}

function queryOf(word: string | undefined): Query {
  if (word === undefined) throw new UsageError(`say what to query: ${QUERIES.join(', ')}`);
  if (!(QUERIES as readonly string[]).includes(word))
    throw new UsageError(`unknown query "${word}": use one of ${QUERIES.join(', ')}`);
  return word as Query;
}

function ask(client: MarketClient, query: Query, account: string | undefined): Promise<Answer<unknown>> {
  switch (query) {
    case 'pool':
      return client.pool();
    case 'rates':
      return client.rates();
    case 'params':
      return client.params();
    case 'balance':
      return client.balance(account ?? '');
    case 'reserve':
      return client.reserve();
  }
}

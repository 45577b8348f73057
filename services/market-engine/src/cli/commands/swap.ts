/**
 * `marketnode swap`: one swap (or swap-and-send) through the engine, and what it paid.
 */
import { randomUUID } from 'node:crypto';
import { formatCoin } from '@marketnode/dec';
import type { SwapResult } from '@marketnode/market-client';
import { toJsonText } from '../../json-text.js';
import { writeLine, type CliIo } from '../cli-io.js';
import { CLIENT_OPTIONS, CLIENT_OPTIONS_HELP, clientSettings, withClient } from '../client-session.js';
import { coinOption, parseCommandLine, requiredOption } from '../command-line.js';
import { reportEngineError, reportThrown } from '../error-report.js';
import { textTree } from '../text-tree.js';
import { EXIT_FAILURE, EXIT_OK } from '../usage-error.js';

export const HELP = `Usage: marketnode swap --trader ACCOUNT --offer COIN --ask DENOM [options]

Swaps COIN from the trader's balance into DENOM: through the market's virtual pools, or through
the BTC reserve pool for uusd <-> ubtc. Prints what was paid, the spread and the fee.

The engine applies a request id once: after a timeout, run the same command with the same
--request-id to learn the outcome without swapping twice. A rejected swap prints its error code.

Options:
  --trader ACCOUNT      the account that pays (the swap is sent on its subject)
  --offer COIN          amount in micro units and denom, e.g. 1000000uusd
  --ask DENOM           the denom to receive, e.g. uluna
  --receiver ACCOUNT    pay this account instead of the trader (swap-send)
  --request-id ID       idempotency key: 1-128 of A-Z a-z 0-9 _ . : - (default: a fresh UUID)
${CLIENT_OPTIONS_HELP}

Examples:
  marketnode swap --nats nats://127.0.0.1:4222 --trader terra1alice --offer 1000000uusd --ask uluna
  marketnode swap --trader terra1alice --offer 1000000uusd --ask ubtc --request-id order-17 --json
  marketnode swap --trader terra1alice --offer 5000000uluna --ask uusd --receiver terra1bob

Exit codes: 0 executed, 1 rejected or failed, 2 usage error.
`;

const OPTIONS = {
  ...CLIENT_OPTIONS,
  trader: { type: 'string' },
  offer: { type: 'string' },
  ask: { type: 'string' },
  receiver: { type: 'string' },
  'request-id': { type: 'string' },
} as const;

export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine(args, OPTIONS);
  if (values.help === true) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  const settings = clientSettings(values);
  const trader = requiredOption(values.trader, 'trader', 'terra1alice');
  const offer = coinOption(values.offer, 'offer');
  const askDenom = requiredOption(values.ask, 'ask', 'uluna');
  // Chosen here, not by the client, so it can be printed if the reply never comes.
  const requestId = values['request-id'] ?? randomUUID();
  let result: SwapResult;
  try {
    result = await withClient(settings, (client) =>
      client.swap({
        trader,
        requestId,
        offer,
        askDenom,
        ...(values.receiver === undefined ? {} : { receiver: values.receiver }),
      }),
    );
  } catch (error) {
    reportThrown(io.stderr, error);
    if (mayHaveReachedEngine(error))
      io.stderr.write(
        `request id: ${requestId} (the swap may or may not have been applied: rerun with ` +
          `--request-id ${requestId} to learn its outcome; it is applied at most once)\n`,
      );
    return EXIT_FAILURE;
  }
  if (values.json === true) {
    await writeLine(io.stdout, toJsonText(result));
    return result.ok ? EXIT_OK : EXIT_FAILURE;
  }
  if (!result.ok) {
    reportEngineError(io.stderr, result.error);
    io.stderr.write(`request id: ${result.requestId} (a retry with this id gets this same answer)\n`);
    return EXIT_FAILURE;
  }
  const { executed } = result;
  await writeLine(
    io.stdout,
    `swap executed: ${formatCoin(executed.offer)} -> ${formatCoin(executed.swapCoin)} to ${executed.receiver} ` +
      `(request id ${result.requestId})`,
  );
  for (const line of textTree(executed)) await writeLine(io.stdout, `  ${line}`);
  return EXIT_OK;
}

/** The request was sent but its answer was lost: only the request id can tell what happened. */
function mayHaveReachedEngine(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return code === 'NATS_ERR_REQUEST_TIMEOUT' || code === 'NATS_ERR_REQUESTER_CLOSED';
}

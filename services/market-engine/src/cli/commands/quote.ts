/**
 * `marketnode quote`: what a swap would pay now (the reference's `simulateSwap`), changing nothing.
 */
import { formatCoin } from '@marketnode/dec';
import type { Answer, Quote } from '@marketnode/market-client';
import { printAnswer } from '../answer-output.js';
import type { CliIo } from '../cli-io.js';
import { CLIENT_OPTIONS, CLIENT_OPTIONS_HELP, clientSettings, withClient } from '../client-session.js';
import { coinOption, parseCommandLine, requiredOption } from '../command-line.js';
import { reportThrown } from '../error-report.js';
import { EXIT_FAILURE, EXIT_OK } from '../usage-error.js';

export const HELP = `Usage: marketnode quote --offer COIN --ask DENOM [options]

Asks the engine what swapping COIN into DENOM would pay at this moment, with the same routing,
prices and spread as a swap, without applying anything.

Options:
  --offer COIN          amount in micro units and denom, e.g. 1000000uusd
  --ask DENOM           the denom to receive, e.g. uluna
${CLIENT_OPTIONS_HELP}

Examples:
  marketnode quote --nats nats://127.0.0.1:4222 --offer 1000000uusd --ask uluna
  marketnode quote --offer 100000000uusd --ask ubtc --json

Exit codes: 0 quoted, 1 refused or failed, 2 usage error.
`;

const OPTIONS = { ...CLIENT_OPTIONS, offer: { type: 'string' }, ask: { type: 'string' } } as const;

export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine(args, OPTIONS);
  if (values.help === true) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  const settings = clientSettings(values);
  const offer = coinOption(values.offer, 'offer');
  const askDenom = requiredOption(values.ask, 'ask', 'uluna');
  let answer: Answer<Quote>;
  try {
    answer = await withClient(settings, (client) => client.quote({ offer, askDenom }));
  } catch (error) {
    reportThrown(io.stderr, error);
    return EXIT_FAILURE;
  }
  return printAnswer(io, answer, {
    json: values.json === true,
    heading: (quote) => `quote: ${formatCoin(offer)} -> ${formatCoin(quote.returnCoin)}`,
  });
}

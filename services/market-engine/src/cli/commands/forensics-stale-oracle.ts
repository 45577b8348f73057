/**
 * `marketnode forensics stale-oracle`: the swaps that beat the oracle, and what each trader made.
 * The definitions are the library's (`@marketnode/ledger` forensics, stale-rate-math.ts); the help
 * text states them for the user.
 */
import * as dec from '@marketnode/dec';
import type { StaleOracleReport, StaleSwap } from '@marketnode/ledger/forensics';
import { toJsonText } from '../../json-text.js';
import { writeLine, type CliIo } from '../cli-io.js';
import { parseCommandLine } from '../command-line.js';
import { reportThrown } from '../error-report.js';
import {
  genesisOption,
  heightRangeOptions,
  HEIGHT_RANGE_HELP,
  HEIGHT_RANGE_OPTIONS,
  LOG_OPTIONS,
  LOG_OPTIONS_HELP,
  openForensicLog,
} from '../forensic-options.js';
import { progressLine } from '../progress-line.js';
import { EXIT_FAILURE, EXIT_OK } from '../usage-error.js';

export const HELP = `Usage: marketnode forensics stale-oracle [options]

Finds swaps executed at an oracle rate that the NEXT tally moved against the trader's position by
more than the spread the trader paid: the trader got a price that was stale by more than the
spread, which is there to cover exactly that risk.

Definitions (rates are the oracle's: an amount of the denom per uluna; uluna is 1):
  r      the cross rate the swap executed at: askRate / offerRate (ask per offer), as recorded
         in the swap's SwapExecuted event
  r'     the same cross rate at the first tally after the swap (ExchangeRatesTallied)
  move   1 - r'/r: how much less the received denom is worth, per unit offered, once the next
         tally priced it
  stale  move > spread (strictly), compared exactly on the integers
  profit the value of what the trader received minus the value of what it gave, both at the
         next tally's rates, in uluna: received/askRate' - offered/offerRate'
         (also shown in the offer denom: that times offerRate'); exact, rounded once to 18 decimals
A swap with no tally after it in the range read, or whose next tally set no rate for one of its
denoms (the ballot failed), is counted as not judged. Profit is attributed to the trader (who
signed and paid); the receiver is listed with each swap. Reads the log only (no replay).
Progress goes to stderr when stderr is a terminal.

Options:
${LOG_OPTIONS_HELP}
                        (optional here: without it the log is not checked against a genesis)
${HEIGHT_RANGE_HELP}
                        (a swap near the end of the range is judged only if its tally is in it)
  --json                one JSON object: counts, staleSwaps, profitByAccount (amounts and heights
                        as strings, rates and profits as 18-decimal text)
  -h, --help            show this help

Examples:
  marketnode forensics stale-oracle
  marketnode forensics stale-oracle --data /var/lib/marketnode --from-height 1000 --to-height 2000
  marketnode forensics stale-oracle --json | jq '.profitByAccount[0]'

Exit codes: 0 analysed (whether or not anything was found), 1 the log cannot be read or is
corrupt, 2 usage error.
`;

const OPTIONS = { ...LOG_OPTIONS, ...HEIGHT_RANGE_OPTIONS } as const;

export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandLine(args, OPTIONS);
  if (values.help === true) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  const range = heightRangeOptions(values);
  try {
    const reader = await openForensicLog({ data: values.data, genesisFile: genesisOption(values.genesis) });
    try {
      const { findStaleOracleSwaps } = await import('@marketnode/ledger/forensics');
      const progress = progressLine(io.stderr);
      const report = await findStaleOracleSwaps({
        reader,
        ...range,
        onProgress: ({ seq, height }) => progress(`reading the log: seq ${seq}, height ${height}`),
      });
      progress(undefined);
      if (values.json === true) await writeLine(io.stdout, toJsonText(report));
      else for (const line of reportLines(report)) await writeLine(io.stdout, line);
      return EXIT_OK;
    } finally {
      await reader.close();
    }
  } catch (error) {
    reportThrown(io.stderr, error);
    return EXIT_FAILURE;
  }
}

function reportLines(report: StaleOracleReport): string[] {
  const lines = [
    `${report.staleSwaps.length} stale-oracle swaps among ${report.swapsJudged} judged ` +
      `(${report.swapsExecuted} executed, ${report.swapsNotJudged} not judged: no tally after them, ` +
      'or no rate at it)',
  ];
  for (const swap of report.staleSwaps) lines.push(swapLine(swap));
  if (report.profitByAccount.length === 0) return lines;
  lines.push('profit per account, in uluna at the next tally rates:');
  for (const item of report.profitByAccount)
    lines.push(`  ${item.account}  ${item.profitUluna} uluna  (${item.swaps} swaps)`);
  return lines;
}

function swapLine(swap: StaleSwap): string {
  const rates = (prices: StaleSwap['executed']) =>
    `${swap.offer.denom} ${dec.format(prices.offerRate)}, ${swap.received.denom} ${dec.format(prices.askRate)}`;
  const to = swap.receiver === swap.trader ? '' : ` to ${swap.receiver}`;
  const inOfferDenom =
    swap.offer.denom === 'uluna' ? '' : ` (${swap.profitInOfferDenom} ${swap.offer.denom})`;
  return (
    `seq ${swap.seq}  height ${swap.height}  ${swap.trader}${to}: ${dec.formatCoin(swap.offer)} -> ` +
    `${dec.formatCoin(swap.received)} via ${swap.venue} at rates ${rates(swap.executed)} per uluna, ` +
    `spread ${dec.format(swap.spread)}; the tally at height ${swap.tally.height} (seq ${swap.tally.seq}) ` +
    `set ${rates(swap.tally)}: moved ${swap.rateMove}; profit ${swap.profitUluna} uluna${inOfferDenom}`
  );
}

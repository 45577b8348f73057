/**
 * `marketnode forensics SUBCOMMAND`: analyses of a whole log that look for a pattern of abuse.
 */
import type { CliIo } from '../cli-io.js';
import type { CommandModule } from '../command-module.js';
import { EXIT_OK, UsageError } from '../usage-error.js';

export const HELP = `Usage: marketnode forensics SUBCOMMAND [options]

Subcommands:
  stale-oracle          swaps made at an oracle rate that the next tally moved, against the
                        trader's position, by more than the spread paid; the profit per account

Run \`marketnode forensics SUBCOMMAND --help\` for the options of each; docs/forensics.md walks
through an investigation.

Examples:
  marketnode forensics stale-oracle --data .marketnode/data
  marketnode forensics stale-oracle --json | jq .profitByAccount
`;

const SUBCOMMANDS: Readonly<Record<string, () => Promise<CommandModule>>> = {
  'stale-oracle': () => import('./forensics-stale-oracle.js'),
};

export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  if (name === undefined) throw new UsageError('say which: marketnode forensics stale-oracle');
  const load = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  if (load === undefined) throw new UsageError(`unknown subcommand "${name}": use stale-oracle`);
  const module = await load();
  return module.run(rest, io);
}

/**
 * `marketnode log verify|inspect`: the tools that read an engine's log (read-only, beside a
 * running engine or on a copy).
 */
import type { CliIo } from '../cli-io.js';
import type { CommandModule } from '../command-module.js';
import { EXIT_OK, UsageError } from '../usage-error.js';

export const HELP = `Usage: marketnode log SUBCOMMAND [options]

Subcommands:
  verify                prove the chain of hashes and reproduce every block's state hash from genesis
  inspect               print entries: seq, height, command and events (readable or JSON lines)

Run \`marketnode log SUBCOMMAND --help\` for the options of each.

Examples:
  marketnode log verify --data .marketnode/data
  marketnode log inspect --from 1 --to 20
`;

const SUBCOMMANDS: Readonly<Record<string, () => Promise<CommandModule>>> = {
  verify: () => import('./log-verify.js'),
  inspect: () => import('./log-inspect.js'),
};

export async function run(args: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  if (name === undefined) throw new UsageError('say which: marketnode log verify, or marketnode log inspect');
  const load = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  if (load === undefined) throw new UsageError(`unknown subcommand "${name}": use verify or inspect`);
  const module = await load();
  return module.run(rest, io);
}

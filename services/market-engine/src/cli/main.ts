/**
 * `marketnode`: the node's one command-line tool. `main(argv)` returns the exit code: 0 done,
 * 1 the operation failed (the error's code, message and hint are on stderr), 2 the command line
 * was wrong (what to fix is on stderr). The bin shim (bin/marketnode.mjs) calls it.
 */
import { processIo, type CliIo } from './cli-io.js';
import { COMMANDS } from './command-module.js';
import { reportThrown } from './error-report.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './usage-error.js';

const HELP = `Usage: marketnode COMMAND [options]

The command-line tool of the market node: run the engine, send swaps, read its state, check
its log.

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(22)}${command.summary}`).join('\n')}

Run \`marketnode COMMAND --help\` for the options and examples of each.

Quick start (a local node from \`npm start\` prints its NATS url):
  marketnode swap --nats nats://127.0.0.1:4222 --trader terra1alice --offer 1000000uusd --ask uluna
  marketnode query rates --nats nats://127.0.0.1:4222
  marketnode log verify --data .marketnode/data

Exit codes: 0 ok, 1 failure (code, message and hint on stderr), 2 usage error.
`;

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    if (args[0] !== undefined && name === 'help') return main([args[0], '--help'], io);
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  if (name === undefined) {
    io.stderr.write(HELP);
    return EXIT_USAGE;
  }
  const command = COMMANDS.find((entry) => entry.name === name);
  if (command === undefined) {
    io.stderr.write(
      `marketnode: unknown command "${name}"\nRun \`marketnode --help\` for the list of commands.\n`,
    );
    return EXIT_USAGE;
  }
  try {
    const module = await command.load();
    return await module.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      const path = usagePath(name, args);
      io.stderr.write(`marketnode ${path}: ${error.message}\nRun \`marketnode ${path} --help\` for usage.\n`);
      return EXIT_USAGE;
    }
    reportThrown(io.stderr, error);
    return EXIT_FAILURE;
  }
}

/** Commands with subcommands: a usage error in a subcommand's line points to its own help. */
const SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = {
  log: ['verify', 'inspect'],
  forensics: ['stale-oracle'],
};

/** `log verify` for errors in a subcommand's line, so the pointer leads to the right help. */
function usagePath(name: string, args: readonly string[]): string {
  const subcommand = args[0];
  const known = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  return subcommand !== undefined && known?.includes(subcommand) === true ? `${name} ${subcommand}` : name;
}

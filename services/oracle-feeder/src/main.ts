/** The feeder process: `tsx services/oracle-feeder/src/main.ts --config FILE` (see feeder-command.ts). */
import { runFeederCommand } from './feeder-command.js';

process.exitCode = await runFeederCommand(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
});

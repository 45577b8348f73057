/**
 * `marketnode feeder --config FILE`: an oracle feeder (`@marketnode/oracle-feeder`), for operators
 * who run the node's processes through the one CLI.
 */
import { FEEDER_HELP, runFeederCommand } from '@marketnode/oracle-feeder';
import type { CliIo } from '../cli-io.js';

export const HELP = FEEDER_HELP;

export function run(args: readonly string[], io: CliIo): Promise<number> {
  return runFeederCommand(args, io);
}

/**
 * `marketnode` run in-process through `main(argv, io)` with captured output, as the market engine's
 * own CLI tests do.
 */
import { main } from '../../../../market-engine/src/cli/main.js';
import { captureIo } from '../../../../market-engine/test/support/capture-io.js';

export interface CliRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(args: readonly string[]): Promise<CliRun> {
  const io = captureIo();
  const exitCode = await main(args, io);
  return { exitCode, stdout: io.stdoutText(), stderr: io.stderrText() };
}

/** JSON lines as records. */
export function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

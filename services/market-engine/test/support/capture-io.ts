/**
 * A `CliIo` that collects what a command writes, so tests run `main(argv, io)` in-process and read
 * its output. Not a terminal: progress lines stay off, as when output goes to a file.
 */
import type { CliIo } from '../../src/cli/cli-io.js';

export interface CapturedIo extends CliIo {
  stdoutText(): string;
  stderrText(): string;
}

export function captureIo(): CapturedIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout: { write: (text) => stdout.push(text) > 0, isTTY: false },
    stderr: { write: (text) => stderr.push(text) > 0, isTTY: false },
    stdoutText: () => stdout.join(''),
    stderrText: () => stderr.join(''),
  };
}

/**
 * How a command prints the engine's answer: with `--json`, the whole answer as one JSON line (the
 * error too, so scripts read one shape); otherwise the error's code, message and hint on stderr, or a
 * heading and the value as an indented text tree on stdout. Returns the exit code.
 */
import type { Answer } from '@marketnode/market-client';
import { toJsonText } from '../json-text.js';
import { writeLine, type CliIo } from './cli-io.js';
import { reportEngineError } from './error-report.js';
import { textTree } from './text-tree.js';
import { EXIT_FAILURE, EXIT_OK } from './usage-error.js';

export interface AnswerOutput<T> {
  readonly json: boolean;
  /** A first line before the tree (the tree is then indented under it). */
  readonly heading?: (value: T) => string;
}

export async function printAnswer<T>(io: CliIo, answer: Answer<T>, output: AnswerOutput<T>): Promise<number> {
  if (output.json) {
    await writeLine(io.stdout, toJsonText(answer));
    return answer.ok ? EXIT_OK : EXIT_FAILURE;
  }
  if (!answer.ok) {
    reportEngineError(io.stderr, answer.error);
    return EXIT_FAILURE;
  }
  const indent = output.heading === undefined ? '' : '  ';
  if (output.heading !== undefined) await writeLine(io.stdout, output.heading(answer.value));
  for (const line of textTree(answer.value)) await writeLine(io.stdout, `${indent}${line}`);
  return EXIT_OK;
}

/**
 * Runs every case of a vector file through the function table. A case passes only when its function
 * is known, its adapter ran, and every expected key matched.
 */
import { compareExpected, showActual, type Mismatch } from './compare.js';
import type { FunctionTable } from './function-table.js';
import type { VectorCase } from './vector-file.js';

export interface CaseResult {
  readonly id: string;
  readonly function: string;
  readonly passed: boolean;
  /** Why it failed: mismatching keys, or the one reason it could not be compared. */
  readonly mismatches: readonly Mismatch[];
  readonly problem?: string;
}

export function runCase(table: FunctionTable, vector: VectorCase): CaseResult {
  const base = { id: vector.id, function: vector.function };
  const adapter = table[vector.function];
  if (adapter === undefined) {
    return { ...base, passed: false, mismatches: [], problem: `unknown function "${vector.function}"` };
  }
  let actual;
  try {
    actual = adapter(vector.inputs, Object.keys(vector.expected));
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ...base, passed: false, mismatches: [], problem: `the adapter threw ${reason}` };
  }
  const mismatches = compareExpected(vector.expected, actual);
  return { ...base, passed: mismatches.length === 0, mismatches };
}

/** Human-readable lines for a failed case: the id, then expected/actual per differing key. */
export function describeFailure(result: CaseResult): string[] {
  const lines = [`FAIL ${result.id} (${result.function})`];
  if (result.problem !== undefined) lines.push(`  ${result.problem}`);
  for (const mismatch of result.mismatches) {
    lines.push(`  ${mismatch.path}:`);
    lines.push(
      `    expected ${mismatch.expected === undefined ? '(absent)' : JSON.stringify(mismatch.expected)}`,
    );
    lines.push(`    actual   ${showActual(mismatch.actual)}`);
  }
  return lines;
}

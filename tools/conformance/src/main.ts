#!/usr/bin/env -S npx tsx
/**
 * `npm run conformance -- FILE [FILE ...]`: runs every case of each classic-core vector file
 * (schema: ../shared/spec/classic-core.md §8) and ends with `N passed, N failed`; exits 1 on any
 * failure, 2 on unusable arguments or files.
 */
import { ALL_FUNCTIONS } from './all-functions.js';
import { describeFailure, runCase } from './run-cases.js';
import { loadVectorFile, VectorFileError } from './vector-file.js';

const USAGE = `usage: npm run conformance -- [--verbose] FILE [FILE ...]

Runs every case of each conformance vector file (classic-core.md §8 schema) against the core.
A case fails when its function is unknown, an expected key is not computed, or a value differs.
  --verbose   print a line for every passing case too
Ends with "N passed, N failed"; exit code 0 when all pass, 1 when any fails, 2 on bad arguments.`;

function main(argv: readonly string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const verbose = argv.includes('--verbose');
  const files = argv.filter((arg) => arg !== '--verbose');
  const unknownOption = files.find((arg) => arg.startsWith('-'));
  if (files.length === 0 || unknownOption !== undefined) {
    console.error(unknownOption === undefined ? 'no vector file given' : `unknown option ${unknownOption}`);
    console.error(USAGE);
    return 2;
  }
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    let cases;
    try {
      cases = loadVectorFile(file);
    } catch (error) {
      if (!(error instanceof VectorFileError)) throw error;
      console.error(`conformance: ${error.message}`);
      return 2;
    }
    for (const vector of cases) {
      const result = runCase(ALL_FUNCTIONS, vector);
      if (result.passed) {
        passed += 1;
        if (verbose) console.log(`pass ${result.id}`);
      } else {
        failed += 1;
        for (const line of describeFailure(result)) console.log(line);
      }
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));

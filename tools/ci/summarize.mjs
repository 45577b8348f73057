// Reads the output of `npm test` and prints the one closing line CI looks for:
// `N passed, N failed`. Counted: every test of the tap run (the direct subtests of each test file)
// and every case of the conformance runner. A stage that failed without reporting tests (type
// check, lint, format) counts as one failed test, so a red run can never print `0 failed`.
import { readFileSync } from 'node:fs';

const [logPath, statusText] = process.argv.slice(2);
const log = readFileSync(logPath, 'utf8');
let passed = 0;
let failed = 0;
for (const line of log.split('\n')) {
  if (/^ {4}ok \d+/.test(line)) passed += 1;
  else if (/^ {4}not ok \d+/.test(line)) failed += 1;
  const conformance = /^(\d+) passed, (\d+) failed$/.exec(line);
  if (conformance) {
    passed += Number(conformance[1]);
    failed += Number(conformance[2]);
  }
}
const status = Number(statusText);
if (status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(status !== 0 ? status : failed > 0 ? 1 : 0);

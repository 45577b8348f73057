// `npm test`: every check CI runs, each stage run even when an earlier one failed, so one run shows
// every problem. Ends with the line CI reads, `N passed, N failed`, counting each tap test (the
// direct subtests of every test file), each conformance case, and each non-test check (type check,
// lint, format) as one. Exits 1 when anything failed.
import { spawn } from 'node:child_process';

const CONFORMANCE_FILE = '../shared/conformance/classic-core-vectors.json';
const STAGES = [
  { name: 'type check', command: ['npx', 'tsc', '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'lint', command: ['npx', 'eslint', '.'] },
  { name: 'format', command: ['npx', 'prettier', '--check', '.'] },
  { name: 'unit and property tests', command: ['npx', 'tap'], counts: tapCounts },
  {
    name: 'conformance vectors',
    command: ['npx', 'tsx', 'tools/conformance/src/main.ts', CONFORMANCE_FILE],
    counts: closingCounts,
  },
];

function tapCounts(output) {
  let passed = 0;
  let failed = 0;
  for (const line of output.split('\n')) {
    if (/^ {4}ok \d+/.test(line)) passed += 1;
    else if (/^ {4}not ok \d+/.test(line)) failed += 1;
  }
  return { passed, failed };
}

function closingCounts(output) {
  const lines = output.trimEnd().split('\n');
  const match = /^(\d+) passed, (\d+) failed$/.exec(lines[lines.length - 1] ?? '');
  return match ? { passed: Number(match[1]), failed: Number(match[2]) } : { passed: 0, failed: 0 };
}

function run(command) {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

let passed = 0;
let failed = 0;
const failedStages = [];
for (const stage of STAGES) {
  console.log(`\n== ${stage.name}: ${stage.command.join(' ')}`);
  const { code, output } = await run(stage.command);
  const counts = stage.counts
    ? stage.counts(output)
    : { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
  // A stage that failed without reporting a failed test (a crash, a bad file) still counts as one.
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  passed += counts.passed;
  failed += counts.failed;
  if (code !== 0) failedStages.push(stage.name);
}
if (failedStages.length > 0) console.log(`\nfailed stages: ${failedStages.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

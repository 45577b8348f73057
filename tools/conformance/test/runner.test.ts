// The runner never lets a case pass by omission: unknown functions and uncomputed keys fail.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCase } from '../src/run-cases.js';
import type { FunctionTable } from '../src/function-table.js';

const table: FunctionTable = {
  double: (inputs) => ({ twice: BigInt(inputs['n'] as number) * 2n }),
};

t.test('a case passes only when every expected key matches', async (t) => {
  const vector = { id: 'a', module: 'm', function: 'double', inputs: { n: 2 }, expected: { twice: 4 } };
  t.equal(runCase(table, vector).passed, true);
  const wrong = runCase(table, { ...vector, expected: { twice: 5 } });
  t.equal(wrong.passed, false);
  t.same(wrong.mismatches, [{ path: 'twice', expected: 5, actual: 4n }]);
});

t.test('an expected key the implementation does not compute is a failure', async (t) => {
  const vector = {
    id: 'b',
    module: 'm',
    function: 'double',
    inputs: { n: 2 },
    expected: { twice: 4, thrice: 6 },
  };
  const result = runCase(table, vector);
  t.equal(result.passed, false);
  t.same(
    result.mismatches.map((m) => m.path),
    ['thrice'],
  );
});

t.test('an unknown function fails and says so', async (t) => {
  const result = runCase(table, { id: 'c', module: 'm', function: 'halve', inputs: {}, expected: { x: 1 } });
  t.equal(result.passed, false);
  t.match(result.problem, /unknown function "halve"/);
});

t.test('the command line prints failures with a diff, the closing counts, and exits 1', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'conformance-'));
  const file = join(dir, 'vectors.json');
  const cases = [
    {
      id: 'ok',
      module: 'sdk_dec',
      function: 'Dec.Mul',
      inputs: { pairs: [['1.5', '2']] },
      expected: { mul: ['3.000000000000000000'] },
    },
    {
      id: 'bad',
      module: 'sdk_dec',
      function: 'Dec.Mul',
      inputs: { pairs: [['1.5', '2']] },
      expected: { mul: ['3.1'] },
    },
    {
      id: 'big',
      module: 'sdk_dec',
      function: 'Dec.String',
      inputs: { values_as_NewDecWithPrec: [] },
      expected: { strings: [] },
    },
  ];
  // A 19-digit integer must survive parsing exactly (JSON.parse would round it).
  const text = JSON.stringify({ schema_version: 1, cases })
    .replace('"values_as_NewDecWithPrec":[]', '"values_as_NewDecWithPrec":[[1009009009009009009,17]]')
    .replace('"strings":[]', '"strings":["10.090090090090090090"]');
  writeFileSync(file, text);
  const run = spawnSync(process.execPath, ['--import=tsx', 'tools/conformance/src/main.ts', file], {
    encoding: 'utf8',
  });
  t.equal(run.status, 1);
  t.match(
    run.stdout,
    /FAIL bad \(Dec\.Mul\)\n {2}mul\[0\]:\n {4}expected "3\.1"\n {4}actual {3}"3\.000000000000000000"/,
  );
  t.match(run.stdout, /\n2 passed, 1 failed\n$/);
});

t.test('an unreadable file is a usage error, not a pile of failures', async (t) => {
  const run = spawnSync(
    process.execPath,
    ['--import=tsx', 'tools/conformance/src/main.ts', '/nonexistent.json'],
    { encoding: 'utf8' },
  );
  t.equal(run.status, 2);
  t.match(run.stderr, /cannot read \/nonexistent\.json/);
});

t.test('an error object nested under another key also compares only the keys the case gives', async (t) => {
  const nested: FunctionTable = {
    f: () => ({ results: { '1': { error: { code: 9, name: 'ErrX', message: 'a: b' } } } }),
  };
  const vector = {
    id: 'd',
    module: 'm',
    function: 'f',
    inputs: {},
    expected: { results: { '1': { error: { code: 9 } } } },
  };
  t.equal(runCase(nested, vector).passed, true);
  const wrong = { ...vector, expected: { results: { '1': { error: { code: 8 } } } } };
  t.same(
    runCase(nested, wrong).mismatches.map((m) => m.path),
    ['results.1.error.code'],
  );
});

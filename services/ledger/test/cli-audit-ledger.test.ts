// `marketnode ledger` and `marketnode audit` as a user runs them (the installed bin): the ledger
// follows a real engine's log into its own directory and stops on SIGTERM; the audit passes on the
// log and those projections, and on a copy with one balance edited fails with the code, the seq
// and what differs.
import t from 'tap';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openLogReader } from '@marketnode/log-store';
import { open } from 'lmdb';
import { runMarketnode } from '../../market-engine/test/support/run-marketnode.js';
import { readCheckpointSeq, type StoredBalance } from '../src/index.js';
import { DEMO_GENESIS, runScenario, startEngineFixture } from './support/engine-scenario.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../market-engine/bin/marketnode.mjs', import.meta.url));
const WAIT_MS_MAX = 60_000;

t.test('marketnode ledger, then marketnode audit', async (t) => {
  const fixture = await startEngineFixture();
  const work = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
  t.teardown(async () => {
    await fixture.close();
    rmSync(work, { recursive: true, force: true });
  });
  await runScenario(fixture, { blocks: 4, tag: 'cli' });
  await fixture.engine.stop();
  const reader = openLogReader({ path: fixture.dataDir });
  const lastSeq = reader.lastEntry()?.seq ?? 0n;
  await reader.close();

  const ledgerDir = join(work, 'ledger');
  // The bin itself (not through npx), so the signals reach the ledger's own process.
  const ledger = spawn(
    process.execPath,
    [BIN, 'ledger', '--data', fixture.dataDir, '--ledger-data', ledgerDir, '--genesis', DEMO_GENESIS],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let ledgerLog = '';
  ledger.stderr?.on('data', (chunk: Buffer) => (ledgerLog += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => ledger.once('exit', (code) => resolve(code)));
  t.teardown(() => ledger.kill('SIGKILL'));
  const deadline = Date.now() + WAIT_MS_MAX;
  while (readCheckpointSeq(ledgerDir) < lastSeq && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  t.equal(readCheckpointSeq(ledgerDir), lastSeq, `the ledger applied the log to seq ${lastSeq}`);
  ledger.kill('SIGTERM');
  t.equal(await exited, 0, `and stopped cleanly on SIGTERM: ${ledgerLog}`);

  const common = ['--data', fixture.dataDir, '--genesis', DEMO_GENESIS];
  const passed = await runMarketnode(['audit', ...common, '--ledger-data', ledgerDir]);
  t.equal(passed.exitCode, 0, `audit passes: ${passed.stderr}`);
  t.match(passed.stdout, new RegExp(`audit ok: the log and the ledger projections up to seq ${lastSeq}`));

  const edited = join(work, 'edited');
  cpSync(ledgerDir, edited, { recursive: true });
  const root = open({ path: edited, maxDbs: 9 });
  const balances = root.openDB({ name: 'balances', encoding: 'msgpack' });
  const stored = balances.get(['terra1bob', 'uluna']) as StoredBalance;
  await balances.put(['terra1bob', 'uluna'], { ...stored, amount: '1' });
  await root.close();
  const failed = await runMarketnode(['audit', ...common, '--ledger-data', edited]);
  t.equal(failed.exitCode, 1, 'exit 1');
  t.match(
    failed.stderr,
    new RegExp(
      `error LEDGER_ERR_AUDIT_PROJECTION_MISMATCH: audit fails at seq ${stored.seq}, height ${stored.height}: balances \\["terra1bob","uluna"\\]`,
    ),
  );
  t.match(failed.stderr, /hint: /);

  const json = await runMarketnode(['audit', ...common, '--ledger-data', edited, '--json']);
  t.match(JSON.parse(json.stdout), {
    ok: false,
    failure: { code: 'LEDGER_ERR_AUDIT_PROJECTION_MISMATCH', seq: stored.seq },
  });
});

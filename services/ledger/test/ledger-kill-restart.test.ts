// The ledger killed with SIGKILL (a child process) at seeded moments while the engine writes, and
// restarted each time, ends with exactly the projections of a ledger that never stopped: the two
// stores' databases are compared record by record, and the audit passes on the restarted one.
import t from 'tap';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashGenesis, openLogReader } from '@marketnode/log-store';
import { pino } from 'pino';
import {
  auditLedger,
  firstStoreDifference,
  ProjectionStore,
  readCheckpointSeq,
  runLedger,
} from '../src/index.js';
import { DEMO, runScenario, startEngineFixture } from './support/engine-scenario.js';

const CHILD = fileURLToPath(new URL('./fixtures/ledger-child.ts', import.meta.url));
const KILLS = 5;
const SEED = Number(process.env['LEDGER_KILL_SEED'] ?? '5150');
const WAIT_MS_MAX = 60_000;

function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

async function startChild(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready')) resolve();
    });
    void exited.then((code) => reject(new Error(`ledger child exited with ${code} before it was ready`)));
  });
  return { child, exited };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS_MAX;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

t.test(`SIGKILL the ledger ${KILLS} times mid-stream (seed ${SEED}; LEDGER_KILL_SEED replays)`, async (t) => {
  const random = generator(SEED);
  const fixture = await startEngineFixture();
  const killedDir = mkdtempSync(join(tmpdir(), 'ledger-killed-'));
  const steadyDir = mkdtempSync(join(tmpdir(), 'ledger-steady-'));
  t.teardown(async () => {
    await fixture.close();
    rmSync(killedDir, { recursive: true, force: true });
    rmSync(steadyDir, { recursive: true, force: true });
  });
  const genesisHash = hashGenesis(DEMO.bytes);
  const steady = await runLedger({
    ledgerDir: steadyDir,
    logPath: fixture.dataDir,
    genesis: DEMO.genesis,
    genesisHash,
    logger: pino({ level: 'silent' }),
    pollIntervalMs: 2,
  });
  const env = { LEDGER_DIR: killedDir, LEDGER_LOG_PATH: fixture.dataDir };
  let child = await startChild(env);
  t.teardown(() => child.child.kill('SIGKILL'));

  // Traffic runs while the child is killed at seeded moments and restarted.
  const traffic = runScenario(fixture, { blocks: 30, tag: 'kill' });
  let trafficDone = false;
  void traffic.finally(() => (trafficDone = true));
  let checkpointsAtKill: bigint[] = [];
  for (let kill = 0; kill < KILLS; kill += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50 + Math.floor(random() * 250)));
    child.child.kill('SIGKILL');
    await child.exited;
    checkpointsAtKill = [...checkpointsAtKill, readCheckpointSeq(killedDir)];
    child = await startChild(env);
  }
  await traffic;
  t.ok(trafficDone, 'the traffic finished');
  t.ok(
    checkpointsAtKill.some((seq) => seq > 0n),
    `killed at checkpoints ${checkpointsAtKill.join(', ')}`,
  );

  const reader = openLogReader({ path: fixture.dataDir });
  t.teardown(() => reader.close());
  const lastSeq = reader.lastEntry()?.seq ?? 0n;
  t.ok(
    checkpointsAtKill.some((seq) => seq < lastSeq),
    'at least one kill landed before the end of the log',
  );
  await until(() => readCheckpointSeq(killedDir) === lastSeq, `the restarted ledger reached seq ${lastSeq}`);
  await until(() => steady.store.lastCommittedSeq === lastSeq, `the steady ledger reached seq ${lastSeq}`);
  child.child.kill('SIGTERM');
  t.equal(await child.exited, 0, 'the last child stopped cleanly');
  await steady.stop();

  const options = { genesis: DEMO.genesis, genesisHash };
  const killed = ProjectionStore.openExisting({ path: killedDir, ...options });
  const neverStopped = ProjectionStore.openExisting({ path: steadyDir, ...options });
  t.teardown(async () => {
    await killed.close();
    await neverStopped.close();
  });
  t.same(firstStoreDifference(killed, neverStopped), undefined, 'the projection databases are identical');
  const verdict = await auditLedger({ reader, genesis: DEMO.genesis, store: killed });
  t.same(verdict.ok ? 'ok' : verdict.failure, 'ok', 'the audit passes on the restarted ledger');
});

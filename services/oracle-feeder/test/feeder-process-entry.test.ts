// The feeder as its operators run it: `node --import tsx services/oracle-feeder/src/main.ts --config
// FILE`, a real config file with the simulated market, against a real engine. It votes, serves
// /metrics (which promtool accepts) and /health, and stops cleanly on SIGTERM; a broken config
// stops it at once with FEEDER_ERR_CONFIG.
import t from 'tap';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEngineFixture } from '../../market-engine/test/support/engine-fixture.js';
import { openHeight, waitFor } from './support/block-driver.js';
import { OracleWireRecorder } from './support/oracle-wire-recorder.js';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const START_TIMEOUT_MS = 60_000;

function runMain(configPath: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--config', configPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = () =>
    output.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { child, output, exited, lines };
}

t.test('a broken config stops the feeder at once with FEEDER_ERR_CONFIG', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'feeder-main-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'feeder.json'), JSON.stringify({ natsUrl: 'nats://127.0.0.1:1', validators: [] }));
  const run = runMain(join(dir, 'feeder.json'));
  t.equal(await run.exited, 1);
  t.match(run.output.stderr, /FEEDER_ERR_CONFIG: feeder config: validators must be a non-empty list/);
});

t.test('a configured feeder votes, serves metrics and health, and stops on SIGTERM', async (t) => {
  const fixture = await startEngineFixture();
  t.teardown(() => fixture.close());
  const recorder = new OracleWireRecorder(fixture.client);
  t.teardown(() => recorder.close());
  recorder.openHeight = await openHeight(fixture);
  const dir = mkdtempSync(join(tmpdir(), 'feeder-main-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const config = {
    natsUrl: fixture.nats.url,
    validators: ['terravaloper1alpha', 'terravaloper1beta'],
    dataDir: 'data',
    metrics: { port: 0 },
    sources: [{ kind: 'simulated', seed: 42 }],
  };
  writeFileSync(join(dir, 'feeder.json'), JSON.stringify(config));
  const run = runMain(join(dir, 'feeder.json'));
  t.teardown(() => run.child.kill('SIGKILL'));
  await waitFor(
    'the feeder to run',
    () => run.lines().some((line) => line['msg'] === 'feeder running'),
    START_TIMEOUT_MS,
  );
  const telemetry = run.lines().find((line) => line['msg'] === 'feeder running')?.['telemetry'] as string;

  await fixture.request('engine.control.tick', {});
  await waitFor('both prevotes accepted', () =>
    config.validators.every((validator) =>
      recorder
        .of('result', validator)
        .some((m) => (m.payload['value'] as { type?: string })?.type === 'PrevoteSubmitted'),
    ),
  );
  const metrics = await (await fetch(`${telemetry}/metrics`)).text();
  t.match(
    metrics,
    /marketnode_feeder_prevotes_sent_total\{validator="terravaloper1alpha",service="oracle-feeder"\} 1/,
  );
  const lint = spawnSync('promtool', ['check', 'metrics'], { input: metrics, encoding: 'utf8' });
  t.equal(lint.status, 0, `promtool check metrics: ${lint.stdout}${lint.stderr}`);
  const health = await fetch(`${telemetry}/health`);
  const report = (await health.json()) as { status: string; checks: Record<string, { ok: boolean }> };
  t.equal(health.status, 200, JSON.stringify(report));
  t.same(Object.keys(report.checks).sort(), [
    'blocks',
    'nats',
    'vote:terravaloper1alpha',
    'vote:terravaloper1beta',
  ]);
  t.ok(
    run.lines().every((line) => line['service'] === 'oracle-feeder'),
    'every line is structured JSON from the feeder',
  );

  run.child.kill('SIGTERM');
  t.equal(await run.exited, 0, run.output.stderr);
});

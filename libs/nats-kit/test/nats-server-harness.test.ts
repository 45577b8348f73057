// The nats-server harness: starts on a free loopback port and accepts connections, stops within its
// bounds, names the package to install when the binary is missing, reports why a start failed, and
// leaves no server behind even when the process that started it is SIGKILLed.
import t, { type Test } from 'tap';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  closeNats,
  connectNats,
  NatsServerNotFoundError,
  NatsServerStartError,
  resolveNatsServerBinary,
  startNatsServer,
} from '../src/index.js';
import { eventually } from './fixtures/nats.js';

const TEST_TIMEOUT = { timeout: 30_000 };
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Alive and not a zombie waiting to be reaped. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectTcp({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function tempDir(t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'nats-kit-test-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

t.test('starts on a free loopback port, serves NATS, and stops for good', TEST_TIMEOUT, async (t) => {
  const server = await startNatsServer();
  t.teardown(() => server.stop());
  t.match(server.url, /^nats:\/\/127\.0\.0\.1:\d+$/);
  t.equal(server.url, `nats://127.0.0.1:${server.port}`);
  const nc = await connectNats({ servers: server.url, name: 'harness-test', reconnect: false });
  t.equal(nc.info?.port, server.port);
  await closeNats(nc);
  t.ok(isRunning(server.serverPid));
  await server.stop();
  t.notOk(isRunning(server.serverPid), 'the server process is gone');
  t.notOk(await portAccepts(server.port), 'the port no longer accepts');
  await server.stop(); // idempotent
  t.ok(server.logTail().some((line) => line.includes('Server is ready')));
});

t.test('listens on the port it is given', TEST_TIMEOUT, async (t) => {
  const first = await startNatsServer();
  const port = first.port;
  await first.stop(); // now a port known to be free
  const server = await startNatsServer({ port });
  t.teardown(() => server.stop());
  t.equal(server.port, port);
  t.ok(await portAccepts(port));
});

t.test('a missing binary fails with the package to install', TEST_TIMEOUT, async (t) => {
  const error = await startNatsServer({ binaryPath: '/nonexistent/bin/nats-server' }).catch(
    (e: unknown) => e,
  );
  t.ok(error instanceof NatsServerNotFoundError);
  t.match(error, {
    code: 'NATS_ERR_SERVER_NOT_FOUND',
    message: /apt-get install nats-server/,
    searched: ['/nonexistent/bin/nats-server'],
  });
  t.throws(() => resolveNatsServerBinary({ env: { NATS_SERVER_BIN: '/nope/nats-server' } }), {
    message: /\/nope\/nats-server.*apt-get install nats-server/s,
  });
  t.equal(resolveNatsServerBinary({ env: { PATH: '' } }), '/usr/sbin/nats-server', 'found outside PATH');
});

t.test('a config the server rejects fails the start with its log', TEST_TIMEOUT, async (t) => {
  const error = await startNatsServer({ config: 'this is { not valid' }).catch((e: unknown) => e);
  t.ok(error instanceof NatsServerStartError);
  t.match(error, {
    code: 'NATS_ERR_SERVER_START_FAILED',
    message: /exited with code [1-9].*last lines of its log/s,
  });
});

t.test('a binary that never becomes ready is stopped after the start timeout', TEST_TIMEOUT, async (t) => {
  const dir = tempDir(t);
  const pidFile = join(dir, 'pid');
  const fake = join(dir, 'fake-nats-server');
  writeFileSync(fake, `#!/bin/sh\necho $$ > ${pidFile}\nexec sleep 30\n`);
  chmodSync(fake, 0o755);
  const error = await startNatsServer({ binaryPath: fake, startTimeoutMs: 300, stopTimeoutMs: 1_000 }).catch(
    (e: unknown) => e,
  );
  t.ok(error instanceof NatsServerStartError);
  t.match(error, { message: /did not finish within 300 ms/ });
  const fakePid = Number(readFileSync(pidFile, 'utf8'));
  t.notOk(isRunning(fakePid), 'the stuck process was killed');
});

t.test('a SIGKILLed parent leaves no nats-server behind', TEST_TIMEOUT, async (t) => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./fixtures/hold-server.ts', import.meta.url))],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  t.teardown(() => child.kill('SIGKILL'));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await eventually(() => output.includes('\n'), 15_000);
  const { serverPid, port } = JSON.parse(output) as { serverPid: number; port: number };
  t.ok(isRunning(serverPid));
  t.ok(await portAccepts(port));
  child.kill('SIGKILL');
  await eventually(() => !isRunning(serverPid), 10_000);
  t.notOk(isRunning(serverPid), 'the watchdog stopped the server when its parent died');
});

/**
 * A `nats-server` child for tests and `npm start`: loopback only, a free port, started and stopped
 * within bounds, and never left behind.
 *
 * The server runs under a tiny `sh` watchdog that holds the read end of a pipe from this process.
 * When we call `stop()` we close the pipe; when this process dies, even by SIGKILL, the kernel closes
 * it: either way the watchdog sends the server SIGTERM and waits for it. The watchdog also exits when
 * the server exits on its own, so a crash is seen at once. Both run in their own process group, which
 * `stop()` SIGKILLs if SIGTERM was not enough in time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerProcessGroup, signalProcessGroup, unregisterProcessGroup } from './child-reaper.js';
import { NatsServerStartError, NatsServerStopError } from './errors.js';
import { resolveNatsServerBinary } from './nats-server-binary.js';
import { ServerLogWatcher } from './server-log-watcher.js';
import { withTimeout } from './timeout.js';

export const SERVER_START_TIMEOUT_MS = 10_000;
/** How long the server gets to exit after SIGTERM before the group gets SIGKILL. */
export const SERVER_STOP_TIMEOUT_MS = 5_000;
const SERVER_KILL_WAIT_MS = 2_000;
const LOOPBACK_HOST = '127.0.0.1';
/** nats-server's `-p -1`: the kernel picks a free port, and the server logs which one. */
const ANY_FREE_PORT = -1;

// $0 is the binary, $@ its arguments. fd 3 keeps our pipe for the watcher: an asynchronous list in
// a non-interactive shell gets /dev/null as stdin, so the pipe must travel on another descriptor.
const WATCHDOG_SCRIPT = [
  '"$0" "$@" </dev/null &',
  'server=$!',
  'exec 3<&0',
  '( read -r _ <&3; kill -TERM "$server" 2>/dev/null ) &',
  'watcher=$!',
  'wait "$server"',
  'status=$?',
  'kill "$watcher" 2>/dev/null',
  'exit "$status"',
].join('\n');

export interface StartNatsServerOptions {
  /** Default: a free port chosen by the kernel. */
  readonly port?: number;
  /** nats-server configuration text (authorization, `max_payload`, ...). The harness still forces
   *  the loopback address and the port, and reads the log on stderr, so do not set `log_file`. */
  readonly config?: string;
  /** Default: `NATS_SERVER_BIN`, then PATH and the sbin folders. */
  readonly binaryPath?: string;
  readonly startTimeoutMs?: number;
  readonly stopTimeoutMs?: number;
}

export interface NatsServerHandle {
  /** `nats://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** The nats-server process itself (not the watchdog). */
  readonly serverPid: number;
  /** The last lines of the server's log, for test failure messages. */
  logTail(): readonly string[];
  /** SIGTERM, then SIGKILL after `stopTimeoutMs`; resolves once the server is gone. Idempotent. */
  stop(): Promise<void>;
}

export async function startNatsServer(options: StartNatsServerOptions = {}): Promise<NatsServerHandle> {
  const binary = resolveNatsServerBinary(
    options.binaryPath === undefined ? {} : { binaryPath: options.binaryPath },
  );
  const configDir = options.config === undefined ? undefined : writeConfig(options.config);
  const removeConfig = (): void => {
    if (configDir !== undefined) rmSync(configDir, { recursive: true, force: true });
  };
  const args = ['-a', LOOPBACK_HOST, '-p', String(options.port ?? ANY_FREE_PORT)];
  if (configDir !== undefined) args.push('-c', join(configDir, 'nats.conf'));
  const { child, exited } = spawnWatchdog(binary, args);
  if (child.pid === undefined) {
    removeConfig();
    throw new NatsServerStartError('/bin/sh could not be spawned', []);
  }
  const log = new ServerLogWatcher(child);
  const stopTimeoutMs = options.stopTimeoutMs ?? SERVER_STOP_TIMEOUT_MS;
  const stop = stopper({ child, pid: child.pid, exited, stopTimeoutMs, removeConfig });
  try {
    const startTimeoutMs = options.startTimeoutMs ?? SERVER_START_TIMEOUT_MS;
    const ready = await waitUntilReady({ log, exited, startTimeoutMs });
    releaseFromEventLoop(child);
    return { url: `nats://${LOOPBACK_HOST}:${ready.port}`, ...ready, logTail: () => log.tail(), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function spawnWatchdog(
  binary: string,
  args: readonly string[],
): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn('/bin/sh', ['-c', WATCHDOG_SCRIPT, binary, ...args], {
    stdio: ['pipe', 'ignore', 'pipe'],
    detached: true, // its own process group, so one signal reaches the watchdog and the server
  });
  // Without a listener a failed spawn would be an uncaught 'error' event; `pid` tells the caller.
  child.once('error', () => undefined);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const pid = child.pid;
  if (pid !== undefined) {
    registerProcessGroup(pid);
    // Once the watchdog is gone its group is empty (it waits for the server and ends its watcher),
    // and a group id may be reused later: never signal it again.
    void exited.then(() => unregisterProcessGroup(pid));
  }
  return { child, exited };
}

function writeConfig(config: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'nats-kit-server-'));
  writeFileSync(join(dir, 'nats.conf'), config);
  return dir;
}

async function waitUntilReady(options: {
  log: ServerLogWatcher;
  exited: Promise<number | null>;
  startTimeoutMs: number;
}): Promise<{ port: number; serverPid: number }> {
  const { log, exited, startTimeoutMs } = options;
  const diedEarly = exited.then((code) => {
    throw new NatsServerStartError(`it exited with code ${code}`, log.tail());
  });
  try {
    const ready = await withTimeout(Promise.race([log.ready, diedEarly]), {
      timeoutMs: startTimeoutMs,
      operation: 'nats-server start',
    });
    // The log says it listens; a real TCP connect proves it accepts.
    await withTimeout(Promise.race([acceptsConnections(ready.port), diedEarly]), {
      timeoutMs: startTimeoutMs,
      operation: 'first TCP connect to nats-server',
    });
    return ready;
  } catch (error) {
    if (error instanceof NatsServerStartError) throw error;
    throw new NatsServerStartError(error instanceof Error ? error.message : String(error), log.tail());
  } finally {
    diedEarly.catch(() => undefined); // it loses the race on success; that is not an error
  }
}

function acceptsConnections(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ host: LOOPBACK_HOST, port }, () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

/** A forgotten `stop()` must not keep a test process alive forever: the reaper kills it on exit. */
function releaseFromEventLoop(child: ChildProcess): void {
  child.unref();
  for (const stream of [child.stdin, child.stderr])
    (stream as unknown as { unref?: () => void } | null)?.unref?.();
}

interface StopContext {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly exited: Promise<number | null>;
  readonly stopTimeoutMs: number;
  readonly removeConfig: () => void;
}

function stopper(context: StopContext): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => (stopping ??= stopOnce(context));
}

async function stopOnce(context: StopContext): Promise<void> {
  const { child, pid, exited, stopTimeoutMs } = context;
  try {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.stdin?.end(); // the watchdog sends the server SIGTERM and waits for it
    if (await settlesWithin(exited, stopTimeoutMs)) return;
    signalProcessGroup(pid, 'SIGKILL');
    if (!(await settlesWithin(exited, SERVER_KILL_WAIT_MS)))
      throw new NatsServerStopError(pid, SERVER_KILL_WAIT_MS);
  } finally {
    context.removeConfig();
  }
}

async function settlesWithin(promise: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([promise.then(() => true), expired]);
  } finally {
    clearTimeout(timer);
  }
}

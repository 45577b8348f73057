/**
 * The engine as its own process (services/market-engine/test/fixtures/engine-child.ts), so it has
 * its own event loop and core as in production; or, with `program`, another child that serves swaps
 * the same way (the minimal engine). Extra node flags (e.g. `--cpu-prof`) come from
 * BENCH_ENGINE_NODE_ARGS; BENCH_ENGINE_OUTPUT_DIR keeps each child's stdout and stderr there (e.g. with
 * `--trace-gc`). Every wait is bounded; the child is SIGKILLed if this process exits first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A child that serves swaps: configured by environment, prints `ready <height> <lastSeq>`. */
export interface ChildProgram {
  readonly script: string;
  /** Added to ENGINE_DATA_DIR, ENGINE_GENESIS and ENGINE_NATS_URL. */
  readonly env: Readonly<Record<string, string>>;
}

export const ENGINE_PROGRAM: ChildProgram = {
  script: fileURLToPath(
    new URL('../../services/market-engine/test/fixtures/engine-child.ts', import.meta.url),
  ),
  env: {},
};
/** Compiling the engine with tsx and opening the log takes a few seconds on a busy machine. */
export const ENGINE_READY_TIMEOUT_MS = 30_000;
/** A clean stop drains the inbox and closes the log; past this the child is killed. */
export const ENGINE_STOP_TIMEOUT_MS = 10_000;
const STDERR_KEPT_CHARS = 4_000;
const ENGINE_NODE_FLAGS = ['--max-semi-space-size=64'];

export interface EngineProcessOptions {
  readonly dataDir: string;
  readonly genesisPath: string;
  readonly natsUrl: string;
  readonly nodeArgs: readonly string[];
  readonly program?: ChildProgram;
}

export interface EngineProcess {
  readonly pid: number;
  readonly height: bigint;
  readonly lastSeq: bigint;
  /** SIGTERM, then SIGKILL after ENGINE_STOP_TIMEOUT_MS; resolves with the exit code (null if killed). */
  stop(): Promise<number | null>;
  stderrTail(): string;
}

export class EngineStartError extends Error {
  readonly code = 'BENCH_ERR_ENGINE_START';
}

export async function startEngineProcess(options: EngineProcessOptions): Promise<EngineProcess> {
  const program = options.program ?? ENGINE_PROGRAM;
  // The engine runs with the young generation its bin shim gives it in production (decision 0010).
  const child = spawn(
    process.execPath,
    [...ENGINE_NODE_FLAGS, ...options.nodeArgs, '--import', 'tsx', program.script],
    {
      env: {
        ...process.env,
        ...program.env,
        ENGINE_DATA_DIR: options.dataDir,
        ENGINE_GENESIS: options.genesisPath,
        ENGINE_NATS_URL: options.natsUrl,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const outputDir = process.env['BENCH_ENGINE_OUTPUT_DIR'];
  if (outputDir !== undefined && outputDir !== '') {
    const output = createWriteStream(join(outputDir, `engine-${child.pid ?? 'unknown'}.log`));
    child.stdout?.pipe(output);
    child.stderr?.pipe(output);
  }
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-STDERR_KEPT_CHARS);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => process.removeListener('exit', killOnExit));
  try {
    const ready = await waitForReady(child, exited, () => stderr);
    return {
      pid: child.pid ?? -1,
      ...ready,
      stop: () => stopChild(child, exited),
      stderrTail: () => stderr,
    };
  } catch (error) {
    await stopChild(child, exited);
    throw error;
  }
}

function waitForReady(
  child: ChildProcess,
  exited: Promise<number | null>,
  stderr: () => string,
): Promise<{ height: bigint; lastSeq: bigint }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new EngineStartError(`the engine was not ready in ${ENGINE_READY_TIMEOUT_MS} ms:\n${stderr()}`),
        ),
      ENGINE_READY_TIMEOUT_MS,
    );
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /ready (\d+) (\d+)\n/.exec(out);
      if (match === null) return;
      clearTimeout(timer);
      resolve({ height: BigInt(match[1] as string), lastSeq: BigInt(match[2] as string) });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new EngineStartError(`the engine exited with ${code} before it was ready:\n${stderr()}`));
    });
  });
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return exited;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), ENGINE_STOP_TIMEOUT_MS);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}

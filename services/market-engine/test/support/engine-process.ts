/**
 * The engine as a child process (test/fixtures/engine-child.ts), for tests that kill it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('../fixtures/engine-child.ts', import.meta.url));
const READY_TIMEOUT_MS = 60_000;

export interface EngineProcessOptions {
  readonly dataDir: string;
  readonly genesisPath: string;
  readonly natsUrl: string;
  readonly blockTimeMs: number;
  readonly snapshotIntervalBlocks: number;
}

export interface EngineProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  /** Everything the child wrote on stderr (its warnings and errors). */
  stderr(): string;
}

export async function startEngineProcess(options: EngineProcessOptions): Promise<EngineProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: {
      ...process.env,
      ENGINE_DATA_DIR: options.dataDir,
      ENGINE_GENESIS: options.genesisPath,
      ENGINE_NATS_URL: options.natsUrl,
      ENGINE_BLOCK_TIME_MS: String(options.blockTimeMs),
      ENGINE_SNAPSHOT_INTERVAL_BLOCKS: String(options.snapshotIntervalBlocks),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`engine not ready in ${READY_TIMEOUT_MS} ms: ${errors}`)),
      READY_TIMEOUT_MS,
    );
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready ')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`engine exited with ${code} before it was ready: ${errors}`));
    });
  });
  return { child, exited, stderr: () => errors };
}

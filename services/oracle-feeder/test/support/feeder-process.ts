/**
 * Starts `feeder-child.ts` and reads its JSON log lines, so a test can wait for a line and kill it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from './block-driver.js';

const CHILD = fileURLToPath(new URL('./feeder-child.ts', import.meta.url));
/** Starting a child through tsx on a busy 2-core machine can take a while. */
const READY_TIMEOUT_MS = 60_000;

export interface FeederProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  /** Every JSON log line so far. */
  readonly lines: Record<string, unknown>[];
  stderr(): string;
}

export async function startFeederProcess(options: {
  readonly natsUrl: string;
  readonly validators: readonly string[];
  readonly dataDir: string;
  readonly priceScale: string;
}): Promise<FeederProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: {
      ...process.env,
      FEEDER_NATS_URL: options.natsUrl,
      FEEDER_VALIDATORS: options.validators.join(','),
      FEEDER_DATA_DIR: options.dataDir,
      FEEDER_PRICE_SCALE: options.priceScale,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let errors = '';
  let partial = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  child.stdout?.on('data', (chunk: Buffer) => {
    partial += chunk.toString();
    const complete = partial.split('\n');
    partial = complete.pop() ?? '';
    for (const line of complete)
      if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  await waitFor(
    'the feeder child to run',
    () => {
      if (exitCode !== undefined) throw new Error(`feeder child exited with ${exitCode}: ${errors}`);
      return lines.some((line) => line['msg'] === 'feeder running');
    },
    READY_TIMEOUT_MS,
  );
  return { child, exited, lines, stderr: () => errors };
}

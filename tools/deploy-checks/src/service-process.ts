/**
 * A service of the node as a real child process (the `marketnode` bin, `npm start`), as an operator
 * runs it: started with its own arguments and environment, ready once a line of its output says so,
 * stopped with SIGTERM (SIGKILL when that is not enough in time).
 */
import { spawn, type ChildProcess } from 'node:child_process';

export const SERVICE_READY_TIMEOUT_MS = 60_000;
export const SERVICE_STOP_TIMEOUT_MS = 20_000;

export interface ServiceProcessOptions {
  /** A script node runs (with tsx loaded). */
  readonly script: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Matched against stdout and stderr together; its first group, if any, is returned. */
  readonly ready: RegExp;
  readonly readyTimeoutMs?: number;
}

export interface ServiceProcess {
  readonly child: ChildProcess;
  /** The ready pattern's match. */
  readonly readyMatch: RegExpExecArray;
  /** Everything written so far on stdout and stderr. */
  output(): string;
  /** SIGTERM, then SIGKILL; resolves with the exit code (null when killed). Idempotent. */
  stop(): Promise<number | null>;
}

export async function startServiceProcess(options: ServiceProcessOptions): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', options.script, ...options.args], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  let stopping: Promise<number | null> | undefined;
  const stop = (): Promise<number | null> => (stopping ??= stopChild(child, exited));
  try {
    const readyMatch = await new Promise<RegExpExecArray>((resolve, reject) => {
      const timeoutMs = options.readyTimeoutMs ?? SERVICE_READY_TIMEOUT_MS;
      const timer = setTimeout(
        () => reject(new Error(`not ready in ${timeoutMs} ms:\n${output}`)),
        timeoutMs,
      );
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        const match = options.ready.exec(output);
        if (match === null) return;
        clearTimeout(timer);
        resolve(match);
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`exited with ${code} before it was ready:\n${output}`));
      });
    });
    return { child, readyMatch, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return exited;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>(
    (resolve) => (timer = setTimeout(() => resolve('late'), SERVICE_STOP_TIMEOUT_MS)),
  );
  const outcome = await Promise.race([exited, late]);
  clearTimeout(timer);
  if (outcome !== 'late') return outcome;
  child.kill('SIGKILL');
  return exited;
}

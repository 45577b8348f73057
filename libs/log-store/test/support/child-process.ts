/**
 * Runs a fixture program (test/fixtures/*.ts) in its own Node process and talks to it line by line.
 * The child is killed when the test ends, whatever happened, and every wait has a timeout.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { AWAIT_TIMEOUT_MS, withTimeout } from './timeout.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

interface Teardown {
  teardown(fn: () => void | Promise<void>): void;
}

export class FixtureChild {
  readonly pid: number;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly lines: string[] = [];
  private wake: (() => void) | undefined;
  private ended = false;

  constructor(private readonly child: ChildProcess) {
    if (child.pid === undefined) throw new Error('the fixture process did not start');
    this.pid = child.pid;
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const reader = createInterface({ input: child.stdout! });
    reader.on('line', (line) => {
      this.lines.push(line);
      this.wake?.();
    });
    reader.on('close', () => {
      this.ended = true;
      this.wake?.();
    });
  }

  /** Consumes lines until one matches; returns it. */
  async nextLine(
    matches: (line: string) => boolean,
    what: string,
    timeoutMs = AWAIT_TIMEOUT_MS,
  ): Promise<string> {
    return withTimeout(this.waitForLine(matches), what, timeoutMs);
  }

  send(line: string): void {
    this.child.stdin!.write(`${line}\n`);
  }

  kill(signal: NodeJS.Signals): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
  }

  private async waitForLine(matches: (line: string) => boolean): Promise<string> {
    for (;;) {
      const line = this.lines.shift();
      if (line !== undefined) {
        if (matches(line)) return line;
        continue;
      }
      if (this.ended) throw new Error('the fixture process closed its output');
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }
}

/** Starts `test/fixtures/<name>.ts` with tsx, killed (SIGKILL) at teardown. */
export function startFixture(t: Teardown, name: string, args: readonly string[]): FixtureChild {
  const script = fileURLToPath(new URL(`../fixtures/${name}.ts`, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const fixture = new FixtureChild(child);
  t.teardown(async () => {
    fixture.kill('SIGKILL');
    await withTimeout(fixture.exited, `fixture ${name} (pid ${fixture.pid}) to exit`);
  });
  return fixture;
}

/**
 * Runs `npx marketnode ...` as a user would, from the repository root, and collects its exit code
 * and output. For the tests that prove the installed bin works, not only `main()`.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** Generous: npx and tsx start in about a second; a shared CI machine may be much slower. */
const RUN_TIMEOUT_MS = 120_000;

export interface MarketnodeRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runMarketnode(args: readonly string[]): Promise<MarketnodeRun> {
  return new Promise((resolve, reject) => {
    execFile(
      'npx',
      ['--no-install', 'marketnode', ...args],
      { cwd: REPO_ROOT, timeout: RUN_TIMEOUT_MS, env: { ...process.env, npm_config_loglevel: 'error' } },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolve({ exitCode: error === null ? 0 : Number(error.code), stdout, stderr });
      },
    );
  });
}

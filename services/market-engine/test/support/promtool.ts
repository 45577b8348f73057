/**
 * `promtool check metrics` on a scraped text: Prometheus's own linter for the exposition format and
 * naming conventions (units, `_total` on counters). Resolves with its exit code and output.
 */
import { spawn } from 'node:child_process';

export const PROMTOOL_BIN = process.env['PROMTOOL_BIN'] ?? 'promtool';
const PROMTOOL_TIMEOUT_MS = 30_000;

export function promtoolCheckMetrics(text: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PROMTOOL_BIN, ['check', 'metrics'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: PROMTOOL_TIMEOUT_MS,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
    child.stdin.end(text);
  });
}

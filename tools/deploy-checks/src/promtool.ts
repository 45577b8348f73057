/**
 * `promtool`, Prometheus's own checker: `check config` for deploy/prometheus/prometheus.yml and
 * `check metrics` for a service's /metrics text (exposition format and naming conventions).
 */
import { spawn } from 'node:child_process';

export const PROMTOOL_BIN = process.env['PROMTOOL_BIN'] ?? 'promtool';
const PROMTOOL_TIMEOUT_MS = 30_000;

export interface PromtoolResult {
  readonly code: number | null;
  readonly output: string;
}

export function promtool(args: readonly string[], input = ''): Promise<PromtoolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(PROMTOOL_BIN, [...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: PROMTOOL_TIMEOUT_MS,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
    child.stdin.end(input);
  });
}

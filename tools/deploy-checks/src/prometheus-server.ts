/**
 * A real Prometheus for tests: its own config and storage in a temp folder, its web API on a free
 * loopback port, started until `/-/ready` answers and stopped with SIGTERM. Queries go through the
 * same HTTP API Grafana uses (`/api/v1/query`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeLoopbackPort } from './free-port.js';

export const PROMETHEUS_BIN = process.env['PROMETHEUS_BIN'] ?? '/usr/bin/prometheus';
export const PROMETHEUS_READY_TIMEOUT_MS = 30_000;
export const PROMETHEUS_STOP_TIMEOUT_MS = 10_000;
const POLL_INTERVAL_MS = 200;
const HTTP_TIMEOUT_MS = 5_000;

export interface ScrapeTarget {
  readonly job: string;
  readonly scrapeUrl: string;
  readonly health: string;
  readonly lastError: string;
  /** When its last scrape started, in epoch ms (before the first scrape, a time long past). */
  readonly lastScrapeMs: number;
}

export interface PromSample {
  readonly metric: Readonly<Record<string, string>>;
  readonly value: readonly [number, string];
}

export interface PrometheusServer {
  readonly url: string;
  /** An instant query; its result vector (a scalar comes back as one sample without labels). */
  query(expr: string): Promise<PromSample[]>;
  /** The scrape targets, their health (`up`, `down`, `unknown`) and last scrape. */
  targets(): Promise<ScrapeTarget[]>;
  /**
   * Resolves once every target has been scraped `scrapes` times, each scrape starting after
   * `afterMs` (epoch ms); throws after `timeoutMs`. What a test sent before `afterMs` is then in
   * that many samples of every series.
   */
  waitForScrapes(options: { afterMs: number; scrapes: number; timeoutMs: number }): Promise<void>;
  /** The last lines Prometheus wrote, for failure messages. */
  logTail(): string;
  stop(): Promise<void>;
}

export async function startPrometheus(configYaml: string): Promise<PrometheusServer> {
  const dir = mkdtempSync(join(tmpdir(), 'prometheus-test-'));
  writeFileSync(join(dir, 'prometheus.yml'), configYaml);
  const port = await freeLoopbackPort();
  const child = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-8_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', () => undefined);
  const url = `http://127.0.0.1:${port}`;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= stopPrometheus(child, exited, dir));
  try {
    await waitReady(url, exited, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    query: (expr) => query(url, expr),
    targets: () => targets(url),
    waitForScrapes: (options) => waitForScrapes(url, options),
    logTail: () => log,
    stop,
  };
}

async function waitReady(url: string, exited: Promise<void>, log: () => string): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + PROMETHEUS_READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`prometheus exited before it was ready:\n${log()}`);
    const ready = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) }).catch(
      () => undefined,
    );
    if (ready?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  throw new Error(`prometheus not ready in ${PROMETHEUS_READY_TIMEOUT_MS} ms:\n${log()}`);
}

async function query(url: string, expr: string): Promise<PromSample[]> {
  const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`, {
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
  });
  const body = (await response.json()) as {
    status: string;
    error?: string;
    data?: { resultType: string; result: unknown };
  };
  if (body.status !== 'success' || body.data === undefined)
    throw new Error(`query ${expr} failed: ${body.error ?? response.status}`);
  if (body.data.resultType === 'scalar') return [{ metric: {}, value: body.data.result as [number, string] }];
  return body.data.result as PromSample[];
}

async function targets(url: string): Promise<ScrapeTarget[]> {
  const response = await fetch(`${url}/api/v1/targets`, { signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });
  const body = (await response.json()) as {
    data: {
      activeTargets: {
        labels: Record<string, string>;
        scrapeUrl: string;
        health: string;
        lastError: string;
        lastScrape: string;
      }[];
    };
  };
  return body.data.activeTargets.map((target) => ({
    job: target.labels['job'] ?? '',
    scrapeUrl: target.scrapeUrl,
    health: target.health,
    lastError: target.lastError,
    lastScrapeMs: Date.parse(target.lastScrape),
  }));
}

/**
 * Polls the targets API more often than the test scrape interval, counting each target's distinct
 * scrape start times after `afterMs`; a scrape missed between two polls only makes this wait longer.
 */
async function waitForScrapes(
  url: string,
  options: { afterMs: number; scrapes: number; timeoutMs: number },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const seen = new Map<string, Set<number>>();
  let lagging: string[] = [];
  while (Date.now() < deadline) {
    const active = await targets(url);
    for (const target of active) {
      if (target.lastScrapeMs <= options.afterMs) continue;
      const starts = seen.get(target.scrapeUrl) ?? new Set<number>();
      seen.set(target.scrapeUrl, starts.add(target.lastScrapeMs));
    }
    lagging = active
      .filter((target) => (seen.get(target.scrapeUrl)?.size ?? 0) < options.scrapes)
      .map((target) => `${target.job} ${target.scrapeUrl} (${target.health} ${target.lastError})`);
    if (active.length > 0 && lagging.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  throw new Error(
    `not every target was scraped ${options.scrapes} times in ${options.timeoutMs} ms: ${lagging.join(', ')}`,
  );
}

async function stopPrometheus(
  child: ReturnType<typeof spawn>,
  exited: Promise<void>,
  dir: string,
): Promise<void> {
  try {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), PROMETHEUS_STOP_TIMEOUT_MS);
      });
      if ((await Promise.race([exited, late])) === 'late') {
        child.kill('SIGKILL');
        await exited;
      }
      clearTimeout(timer);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

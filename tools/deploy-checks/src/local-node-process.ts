/**
 * `npm start` as a child process: the whole local node (nats-server, engine, and whatever else it
 * runs), ready once its oracle rates are set by the node's own voters, with the addresses its
 * banner prints: the NATS url and every `/metrics` url.
 */
import { REPO_ROOT } from './deploy-files.js';
import { startServiceProcess, type ServiceProcess } from './service-process.js';

export const LOCAL_NODE_SCRIPT = `${REPO_ROOT}services/market-engine/src/local-node.ts`;
const READY = /Oracle rates set by the demo voters at height \d+/;
const METRICS_URL = /(http:\/\/127\.0\.0\.1:\d+)\/metrics/g;

export interface LocalNode {
  readonly process: ServiceProcess;
  readonly natsUrl: string;
  /** `http://127.0.0.1:<port>` of each service's /metrics, as the banner prints them. */
  readonly metricsUrls: readonly string[];
}

export async function startLocalNode(options: { dataDir: string; blockTimeMs: number }): Promise<LocalNode> {
  const child = await startServiceProcess({
    script: LOCAL_NODE_SCRIPT,
    args: ['--data', options.dataDir, '--block-time-ms', String(options.blockTimeMs)],
    ready: READY,
  });
  const banner = child.output();
  const natsUrl = /NATS\s+(nats:\/\/\S+)/.exec(banner)?.[1];
  if (natsUrl === undefined) {
    await child.stop();
    throw new Error(`the banner names no NATS url:\n${banner}`);
  }
  const metricsUrls = [...new Set([...banner.matchAll(METRICS_URL)].map((match) => match[1] ?? ''))];
  return { process: child, natsUrl, metricsUrls };
}

/**
 * The deploy Prometheus config pointed at a local node: the same jobs (so the dashboards' `job`
 * selectors mean the same), each scraping the local service whose `service` label is the job
 * name, every second; jobs with nothing running locally are left out.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { PROMETHEUS_CONFIG_PATH } from './deploy-files.js';

export const TEST_SCRAPE_INTERVAL = '1s';
const SERVICE_LABEL = /\bservice="([a-z0-9-]+)"/;

interface ScrapeConfig {
  job_name: string;
  static_configs: { targets: string[] }[];
}

/** job (= service name) -> `host:port` targets, read from each /metrics url's `service` label. */
export async function servicesByJob(metricsUrls: readonly string[]): Promise<Map<string, string[]>> {
  const jobs = new Map<string, string[]>();
  for (const url of metricsUrls) {
    const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
    const service = SERVICE_LABEL.exec(text)?.[1];
    if (service === undefined) throw new Error(`${url}/metrics has no service label`);
    jobs.set(service, [...(jobs.get(service) ?? []), new URL(url).host]);
  }
  return jobs;
}

export function localScrapeConfig(targetsByJob: ReadonlyMap<string, readonly string[]>): string {
  const deployed = parseYaml(readFileSync(PROMETHEUS_CONFIG_PATH, 'utf8')) as {
    scrape_configs: ScrapeConfig[];
  };
  const scrapeConfigs = deployed.scrape_configs.flatMap((job) => {
    const targets = targetsByJob.get(job.job_name);
    return targets === undefined ? [] : [{ ...job, static_configs: [{ targets: [...targets] }] }];
  });
  return stringifyYaml({
    global: {
      scrape_interval: TEST_SCRAPE_INTERVAL,
      scrape_timeout: TEST_SCRAPE_INTERVAL,
      evaluation_interval: TEST_SCRAPE_INTERVAL,
    },
    scrape_configs: scrapeConfigs,
  });
}

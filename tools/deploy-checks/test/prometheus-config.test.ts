// deploy/prometheus/prometheus.yml passes `promtool check config` and scrapes every service.
import { readFileSync } from 'node:fs';
import t from 'tap';
import { parse as parseYaml } from 'yaml';
import { PROMETHEUS_CONFIG_PATH, promtool } from '../src/index.js';

t.test('promtool check config passes on the deploy Prometheus config', async (t) => {
  const result = await promtool(['check', 'config', PROMETHEUS_CONFIG_PATH]);
  t.equal(result.code, 0, result.output);
  t.match(result.output, /SUCCESS/);
});

t.test(
  'every service of the node is scraped: the engine, the ledger, one feeder per validator',
  async (t) => {
    const config = parseYaml(readFileSync(PROMETHEUS_CONFIG_PATH, 'utf8')) as {
      scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
    };
    const targets = new Map(
      config.scrape_configs.map((job) => [job.job_name, job.static_configs.flatMap((s) => s.targets)]),
    );
    t.same(targets.get('market-engine'), ['engine:9464']);
    t.same(targets.get('ledger'), ['ledger:9465']);
    t.equal(targets.get('oracle-feeder')?.length, 4, 'four demo validators, four feeders');
  },
);

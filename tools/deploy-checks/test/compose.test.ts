// deploy/compose.yaml cannot be run here (no docker), so this checks what can be checked without
// it: every file, volume, service and variable it references exists, each service connects as a
// NATS user of deploy/nats/nats-server.conf with that user's password variable, and Prometheus
// scrapes each service on the port it serves metrics on.
import { existsSync, readFileSync } from 'node:fs';
import t from 'tap';
import { parse as parseYaml } from 'yaml';
import {
  COMPOSE_PATH,
  DEPLOY_DIR,
  GRAFANA_DASHBOARD_PROVIDERS_DIR,
  NATS_CONFIG_PATH,
  PROMETHEUS_CONFIG_PATH,
} from '../src/index.js';

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, unknown> | string[];
}

const compose = parseYaml(readFileSync(COMPOSE_PATH, 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
};
const natsConfig = readFileSync(NATS_CONFIG_PATH, 'utf8');
const envExample = readFileSync(`${DEPLOY_DIR}.env.example`, 'utf8');
const services = Object.entries(compose.services);

function natsPasswordVariable(user: string): string | undefined {
  const escaped = user.replace(/[-]/g, '\\-');
  return new RegExp(`user:\\s*${escaped},\\s*password:\\s*\\$([A-Z0-9_]+)`).exec(natsConfig)?.[1];
}

function metricsPortOf(service: ComposeService): number | undefined {
  const command = service.command ?? [];
  const flag = command.indexOf('--metrics-port');
  if (flag >= 0) return Number(command[flag + 1]);
  const mount = (service.volumes ?? []).find((v) => v.endsWith(':/etc/marketnode/feeder.json:ro'));
  if (mount === undefined) return undefined;
  const config = JSON.parse(readFileSync(`${DEPLOY_DIR}${mount.split(':')[0]}`, 'utf8')) as {
    metrics?: { port: number };
  };
  return config.metrics?.port ?? Number.NaN;
}

t.test('every image, build file, bind mount, volume and dependency exists', async (t) => {
  for (const [name, service] of services) {
    t.ok(service.image !== undefined, `${name} has an image`);
    if (service.build !== undefined) {
      const context = `${DEPLOY_DIR}${service.build.context}/`;
      t.ok(existsSync(`${context}${service.build.dockerfile}`), `${name}: ${service.build.dockerfile}`);
    }
    for (const volume of service.volumes ?? []) {
      const source = volume.split(':')[0] ?? '';
      if (source.startsWith('./')) t.ok(existsSync(`${DEPLOY_DIR}${source}`), `${name} mounts ${source}`);
      else t.ok(source in compose.volumes, `${name}: volume ${source} is declared`);
    }
    const dependencies = Array.isArray(service.depends_on)
      ? service.depends_on
      : Object.keys(service.depends_on ?? {});
    for (const dependency of dependencies) t.ok(dependency in compose.services, `${name} -> ${dependency}`);
  }
});

t.test('every variable has a line in .env.example', async (t) => {
  const withoutComments = (text: string) => text.replace(/^\s*#.*$/gm, '');
  const text = withoutComments(`${readFileSync(COMPOSE_PATH, 'utf8')}\n${natsConfig}`);
  const variables = new Set([...text.matchAll(/\$\{?([A-Z][A-Z0-9_]+)\}?/g)].map((m) => m[1] ?? ''));
  for (const name of ['QUERIES', 'ENGINE_PERMISSIONS', 'LEDGER_PERMISSIONS', 'OBSERVER_PERMISSIONS'])
    variables.delete(name); // blocks defined inside the NATS config itself
  t.ok(variables.size >= 14, 'passwords of every NATS user and Grafana');
  for (const variable of variables) t.match(envExample, new RegExp(`^${variable}=`, 'm'), variable);
});

t.test('each service connects as a NATS user of the deploy config, with its password', async (t) => {
  for (const [name, service] of services) {
    const user = service.environment?.['MARKETNODE_NATS_USER'];
    if (user === undefined) continue;
    const variable = natsPasswordVariable(user);
    t.ok(variable, `${name}: ${user} is a user of nats-server.conf`);
    t.equal(service.environment?.['MARKETNODE_NATS_PASSWORD'], `\${${variable}}`, `${name}: its password`);
  }
  for (const [name, service] of services.filter(([n]) => n.startsWith('feeder-'))) {
    const mount = (service.volumes ?? []).find((v) => v.includes('feeder.json'))?.split(':')[0] ?? '';
    const config = JSON.parse(readFileSync(`${DEPLOY_DIR}${mount}`, 'utf8')) as {
      natsUrl: string;
      validators: string[];
    };
    t.same([`feeder-${config.validators[0]}`], [service.environment?.['MARKETNODE_NATS_USER']], name);
    t.equal(config.validators.length, 1, `${name} votes for its one validator`);
    t.equal(config.natsUrl, 'nats://nats:4222');
  }
});

t.test('Prometheus scrapes each service on the port it serves metrics on', async (t) => {
  const prometheus = parseYaml(readFileSync(PROMETHEUS_CONFIG_PATH, 'utf8')) as {
    scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
  };
  const targets = prometheus.scrape_configs
    .filter((job) => job.job_name !== 'prometheus')
    .flatMap((job) => job.static_configs.flatMap((s) => s.targets));
  const scraped = new Set<string>();
  for (const target of targets) {
    const [host = '', port = ''] = target.split(':');
    const service = compose.services[host];
    t.ok(service, `${target} is a compose service`);
    if (service !== undefined) t.equal(metricsPortOf(service), Number(port), `${host} serves on ${port}`);
    scraped.add(host);
  }
  for (const [name, service] of services)
    if (metricsPortOf(service) !== undefined) t.ok(scraped.has(name), `${name} is scraped`);
});

t.test('Grafana mounts the provisioning and the dashboards where the provider reads them', async (t) => {
  const provider = parseYaml(readFileSync(`${GRAFANA_DASHBOARD_PROVIDERS_DIR}marketnode.yaml`, 'utf8')) as {
    providers: { options: { path: string } }[];
  };
  const mounts = compose.services['grafana']?.volumes ?? [];
  t.ok(mounts.includes('./grafana/provisioning:/etc/grafana/provisioning:ro'));
  t.ok(mounts.includes(`./grafana/dashboards:${provider.providers[0]?.options.path}:ro`));
});

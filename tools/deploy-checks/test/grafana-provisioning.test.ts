// The Grafana files of deploy/ load as Grafana's provisioning expects: one Prometheus datasource
// with a fixed uid, a dashboard provider, and dashboards with a title, a uid, a schemaVersion and
// panels whose datasource is that uid and whose targets carry PromQL.
import { readdirSync, readFileSync } from 'node:fs';
import t from 'tap';
import { parse as parseYaml } from 'yaml';
import {
  dashboardProblems,
  GRAFANA_DASHBOARD_PROVIDERS_DIR,
  panelQueries,
  readDashboards,
  readDatasources,
} from '../src/index.js';

const DASHBOARDS_REQUIRED = ['market', 'oracle', 'reserve', 'node-health'];

t.test('one provisioned Prometheus datasource with a fixed uid', async (t) => {
  const datasources = readDatasources();
  t.equal(datasources.length, 1);
  t.equal(datasources[0]?.type, 'prometheus');
  t.match(datasources[0]?.uid ?? '', /^[a-z0-9-]{1,40}$/);
  t.match(datasources[0]?.url ?? '', /^http:\/\/prometheus:9090$/, 'the compose service');
});

t.test('a dashboard provider loads the dashboards folder from files', async (t) => {
  const files = readdirSync(GRAFANA_DASHBOARD_PROVIDERS_DIR).filter((file) => /\.ya?ml$/.test(file));
  t.equal(files.length, 1);
  const doc = parseYaml(readFileSync(`${GRAFANA_DASHBOARD_PROVIDERS_DIR}${files[0]}`, 'utf8')) as {
    apiVersion: number;
    providers: { type: string; options: { path: string } }[];
  };
  t.equal(doc.apiVersion, 1);
  t.equal(doc.providers[0]?.type, 'file');
  t.match(doc.providers[0]?.options.path ?? '', /^\//);
});

t.test('every dashboard has what Grafana provisioning needs, on the provisioned datasource', async (t) => {
  const uid = readDatasources()[0]?.uid ?? '';
  const dashboards = readDashboards();
  t.same(
    dashboards.map((d) => d.file.replace(/\.json$/, '')).sort(),
    [...DASHBOARDS_REQUIRED].sort(),
    'market, oracle, reserve and node health',
  );
  for (const dashboard of dashboards) t.same(dashboardProblems(dashboard.json, uid), [], dashboard.file);
  const uids = dashboards.map((d) => (d.json as { uid: string }).uid);
  t.equal(new Set(uids).size, uids.length, 'dashboard uids are unique');
  t.ok(panelQueries(dashboards).length >= DASHBOARDS_REQUIRED.length * 4, 'panels carry queries');
});

t.test('the schema check finds what is missing', async (t) => {
  const broken = {
    title: 'x',
    schemaVersion: 39,
    panels: [{ title: 'p', type: 'timeseries', gridPos: {}, datasource: { uid: 'other' }, targets: [{}] }],
  };
  t.same(dashboardProblems(broken, 'marketnode-prometheus'), [
    'no uid',
    'panel 0 (p): datasource.uid is not the provisioned marketnode-prometheus',
    'panel 0 (p): a target without expr',
  ]);
});

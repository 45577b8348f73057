/**
 * The Grafana files of deploy/ as Grafana's provisioning reads them: the datasources (YAML), the
 * dashboard providers (YAML), and the dashboards (JSON). `dashboardProblems` lists what Grafana
 * needs of a provisioned dashboard and is missing; `panelQueries` gives every PromQL expression.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { GRAFANA_DASHBOARDS_DIR, GRAFANA_DATASOURCES_DIR } from './deploy-files.js';

export interface DashboardFile {
  readonly file: string;
  readonly json: unknown;
}

export interface PanelQuery {
  readonly dashboard: string;
  readonly panel: string;
  readonly refId: string;
  readonly expr: string;
}

export interface ProvisionedDatasource {
  readonly name: string;
  readonly uid: string;
  readonly type: string;
  readonly url: string;
}

export function readDashboards(dir: string = GRAFANA_DASHBOARDS_DIR): DashboardFile[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, json: JSON.parse(readFileSync(`${dir}${file}`, 'utf8')) as unknown }));
}

export function readDatasources(dir: string = GRAFANA_DATASOURCES_DIR): ProvisionedDatasource[] {
  return readdirSync(dir)
    .filter((file) => /\.ya?ml$/.test(file))
    .flatMap((file) => {
      const doc = parseYaml(readFileSync(`${dir}${file}`, 'utf8')) as {
        datasources?: ProvisionedDatasource[];
      };
      return doc.datasources ?? [];
    });
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a provisioned dashboard lacks, as sentences; empty when Grafana can load it. */
export function dashboardProblems(dashboard: unknown, datasourceUid: string): string[] {
  if (!isObject(dashboard)) return ['the file is not a JSON object'];
  const problems: string[] = [];
  for (const field of ['title', 'uid'] as const)
    if (typeof dashboard[field] !== 'string' || dashboard[field] === '') problems.push(`no ${field}`);
  if (typeof dashboard['schemaVersion'] !== 'number') problems.push('no numeric schemaVersion');
  const panels = dashboard['panels'];
  if (!Array.isArray(panels) || panels.length === 0) return [...problems, 'no panels[]'];
  for (const [index, panel] of panels.entries()) problems.push(...panelProblems(panel, index, datasourceUid));
  return problems;
}

function panelProblems(panel: unknown, index: number, datasourceUid: string): string[] {
  if (!isObject(panel)) return [`panel ${index} is not an object`];
  const name = `panel ${index} (${String(panel['title'])})`;
  const problems: string[] = [];
  if (typeof panel['title'] !== 'string') problems.push(`${name}: no title`);
  if (typeof panel['type'] !== 'string') problems.push(`${name}: no type`);
  if (!isObject(panel['gridPos'])) problems.push(`${name}: no gridPos`);
  const datasource = panel['datasource'];
  if (!isObject(datasource) || datasource['uid'] !== datasourceUid)
    problems.push(`${name}: datasource.uid is not the provisioned ${datasourceUid}`);
  const targets = panel['targets'];
  if (!Array.isArray(targets) || targets.length === 0) return [...problems, `${name}: no targets[]`];
  for (const target of targets) {
    if (!isObject(target) || typeof target['expr'] !== 'string' || target['expr'].trim() === '')
      problems.push(`${name}: a target without expr`);
    else if (typeof target['refId'] !== 'string') problems.push(`${name}: a target without refId`);
  }
  return problems;
}

/** Every PromQL expression of every panel (call after `dashboardProblems` found none). */
export function panelQueries(dashboards: readonly DashboardFile[]): PanelQuery[] {
  return dashboards.flatMap(({ file, json }) => {
    const panels = (json as { panels: { title: string; targets: { refId: string; expr: string }[] }[] })
      .panels;
    return panels.flatMap((panel) =>
      panel.targets.map((target) => ({
        dashboard: file,
        panel: panel.title,
        refId: target.refId,
        expr: target.expr,
      })),
    );
  });
}

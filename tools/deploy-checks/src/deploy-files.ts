/**
 * Where the deployment files are, so every check reads the very files an operator deploys.
 */
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DEPLOY_DIR = `${REPO_ROOT}deploy/`;
export const NATS_CONFIG_PATH = `${DEPLOY_DIR}nats/nats-server.conf`;
export const PROMETHEUS_CONFIG_PATH = `${DEPLOY_DIR}prometheus/prometheus.yml`;
export const GRAFANA_DATASOURCES_DIR = `${DEPLOY_DIR}grafana/provisioning/datasources/`;
export const GRAFANA_DASHBOARD_PROVIDERS_DIR = `${DEPLOY_DIR}grafana/provisioning/dashboards/`;
export const GRAFANA_DASHBOARDS_DIR = `${DEPLOY_DIR}grafana/dashboards/`;
export const COMPOSE_PATH = `${DEPLOY_DIR}compose.yaml`;
export const MARKETNODE_BIN = `${REPO_ROOT}services/market-engine/bin/marketnode.mjs`;
export const DEMO_GENESIS_PATH = `${REPO_ROOT}services/market-engine/genesis/demo.json`;

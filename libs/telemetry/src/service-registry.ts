/**
 * One Prometheus registry per service. Each service owns its registry (never prom-client's global
 * one), so two services in one process (the local node, the tests) never share or collide, and
 * every series carries a `service` label that tells them apart in Prometheus. The default process
 * metrics (CPU, memory, event-loop lag, GC) are on every registry, prefixed `marketnode_`.
 */
import { collectDefaultMetrics, Registry } from 'prom-client';

/** Prefix of every metric of the node, default process metrics included. */
export const METRIC_PREFIX = 'marketnode_';

const SERVICE_NAME = /^[a-z][a-z0-9-]{0,62}$/;

/**
 * prom-client's default metrics include gauges named `..._total` (totals over the per-type
 * gauges beside them), which `promtool check metrics` rejects: only counters may end in `_total`.
 * The per-type gauges carry the same information, so these are removed.
 */
const NONCONFORMING_DEFAULT_METRICS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

export interface ServiceRegistryOptions {
  /** `market-engine`, `oracle-feeder`, `ledger`, ...: the `service` label on every series. */
  readonly service: string;
  /** Default true; false leaves the process metrics out (a second registry in one process). */
  readonly processMetrics?: boolean;
}

export function createServiceRegistry(options: ServiceRegistryOptions): Registry {
  if (!SERVICE_NAME.test(options.service))
    throw new TypeError(
      `service name "${options.service}": use lower-case letters, digits and "-", starting with a letter`,
    );
  const registry = new Registry();
  registry.setDefaultLabels({ service: options.service });
  if (options.processMetrics ?? true) {
    collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
    for (const name of NONCONFORMING_DEFAULT_METRICS) registry.removeSingleMetric(`${METRIC_PREFIX}${name}`);
  }
  return registry;
}

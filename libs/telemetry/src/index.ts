export { BATCH_SIZE_BUCKETS, LATENCY_BUCKETS_SECONDS } from './latency-buckets.js';
export { createServiceRegistry, METRIC_PREFIX, type ServiceRegistryOptions } from './service-registry.js';
export { healthReport, type HealthCheck, type HealthChecks, type HealthReport } from './health.js';
export {
  METRICS_RENDER_TIMEOUT_MS,
  startTelemetryServer,
  TELEMETRY_HOST_DEFAULT,
  type TelemetryServer,
  type TelemetryServerOptions,
} from './telemetry-server.js';
export { Counter, Gauge, Histogram, Registry } from 'prom-client';

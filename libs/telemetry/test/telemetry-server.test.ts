import { spawnSync } from 'node:child_process';
import t from 'tap';
import {
  Counter,
  createServiceRegistry,
  Histogram,
  LATENCY_BUCKETS_SECONDS,
  startTelemetryServer,
  type HealthChecks,
} from '../src/index.js';

t.test('/metrics serves the registry with the service label and the process metrics', async (t) => {
  const registry = createServiceRegistry({ service: 'test-service' });
  const swaps = new Counter({ name: 'marketnode_test_swaps_total', help: 'swaps', registers: [registry] });
  const latency = new Histogram({
    name: 'marketnode_test_latency_seconds',
    help: 'latency',
    buckets: [...LATENCY_BUCKETS_SECONDS],
    registers: [registry],
  });
  swaps.inc(3);
  latency.observe(0.0003);
  const server = await startTelemetryServer({ service: 'test-service', registry, health: () => ({}) });
  t.teardown(() => server.close());
  t.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const response = await fetch(`${server.url}/metrics`);
  t.equal(response.status, 200);
  t.match(response.headers.get('content-type') ?? '', /^text\/plain/);
  const text = await response.text();
  t.match(text, /marketnode_test_swaps_total\{service="test-service"\} 3/);
  t.match(text, /marketnode_test_latency_seconds_bucket\{le="0\.0005",service="test-service"\} 1/);
  t.match(text, /marketnode_test_latency_seconds_bucket\{le="0\.00025",service="test-service"\} 0/);
  t.match(text, /marketnode_process_cpu_seconds_total\{service="test-service"\}/);
});

t.test('/health is 200 when every check holds and 503 naming the failing one otherwise', async (t) => {
  let checks: HealthChecks = { nats: { ok: true, detail: 'connected' } };
  const registry = createServiceRegistry({ service: 'health-test', processMetrics: false });
  const server = await startTelemetryServer({ service: 'health-test', registry, health: () => checks });
  t.teardown(() => server.close());
  const healthy = await fetch(`${server.url}/health`);
  t.equal(healthy.status, 200);
  t.same(await healthy.json(), { status: 'ok', service: 'health-test', checks });
  checks = { nats: { ok: true, detail: 'connected' }, log: { ok: false, detail: '30 s behind' } };
  const failing = await fetch(`${server.url}/health`);
  t.equal(failing.status, 503);
  t.same(await failing.json(), { status: 'failing', service: 'health-test', checks });
  t.equal((await fetch(`${server.url}/nothing`)).status, 404);
  t.equal((await fetch(`${server.url}/metrics`, { method: 'POST' })).status, 405);
});

t.test('a service name that would break the label is refused', async (t) => {
  t.throws(() => createServiceRegistry({ service: 'Market Engine' }), /lower-case letters/);
});

t.test('the default process metrics pass promtool check metrics', async (t) => {
  const registry = createServiceRegistry({ service: 'lint-test' });
  const text = await registry.metrics();
  t.match(text, /marketnode_nodejs_active_handles\{/);
  const lint = spawnSync(process.env['PROMTOOL_BIN'] ?? 'promtool', ['check', 'metrics'], {
    input: text,
    encoding: 'utf8',
    timeout: 30_000,
  });
  t.equal(lint.status, 0, `promtool check metrics: ${lint.stdout}${lint.stderr}`);
});

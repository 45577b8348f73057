/**
 * The HTTP endpoint of a service for Prometheus and health checks: `GET /metrics` (the registry in
 * the Prometheus text format) and `GET /health` (JSON, 200 or 503). It binds to loopback unless told
 * otherwise: metrics are for the operator's Prometheus, not for the world (deploy/ sets the host).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { healthReport, type HealthChecks } from './health.js';

export const TELEMETRY_HOST_DEFAULT = '127.0.0.1';
/** A scrape that takes longer than this is answered 500 rather than left hanging. */
export const METRICS_RENDER_TIMEOUT_MS = 5_000;

export interface TelemetryServerOptions {
  readonly service: string;
  readonly registry: Registry;
  /** The service's named health checks, read at each request. */
  readonly health: () => HealthChecks;
  readonly host?: string;
  /** 0 (default) picks a free port; `url` tells which. */
  readonly port?: number;
}

export interface TelemetryServer {
  /** `http://host:port`, without a trailing slash. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startTelemetryServer(options: TelemetryServerOptions): Promise<TelemetryServer> {
  const server = createServer((request, response) => {
    handle(options, request, response).catch((error: unknown) => {
      respond(response, 500, 'text/plain; charset=utf-8', `telemetry: ${String(error)}\n`);
    });
  });
  server.listen(options.port ?? 0, options.host ?? TELEMETRY_HOST_DEFAULT);
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error === undefined ? resolve() : reject(error))),
      );
    },
  };
}

async function handle(
  options: TelemetryServerOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    respond(response, 405, 'text/plain; charset=utf-8', 'only GET /metrics and GET /health\n');
    return;
  }
  if (path === '/metrics') {
    const text = await withDeadline(options.registry.metrics(), METRICS_RENDER_TIMEOUT_MS);
    respond(response, 200, options.registry.contentType, text);
    return;
  }
  if (path === '/health') {
    const report = healthReport(options.service, options.health());
    respond(response, report.status === 'ok' ? 200 : 503, 'application/json', `${JSON.stringify(report)}\n`);
    return;
  }
  respond(response, 404, 'text/plain; charset=utf-8', 'not found: try /metrics or /health\n');
}

function respond(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

async function withDeadline<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`rendering metrics took over ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

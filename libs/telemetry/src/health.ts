/**
 * What `/health` answers. A service reports named checks; it is healthy when every check is. The
 * body is JSON, the status 200 when healthy and 503 when not, so a load balancer, compose's
 * healthcheck and a human with curl all read the same endpoint.
 */
export interface HealthCheck {
  readonly ok: boolean;
  /** What a human needs to act: `connected to nats://...`, `12 s behind the engine`. */
  readonly detail: string;
}

export type HealthChecks = Readonly<Record<string, HealthCheck>>;

export interface HealthReport {
  readonly status: 'ok' | 'failing';
  readonly service: string;
  readonly checks: HealthChecks;
}

export function healthReport(service: string, checks: HealthChecks): HealthReport {
  const ok = Object.values(checks).every((check) => check.ok);
  return { status: ok ? 'ok' : 'failing', service, checks };
}

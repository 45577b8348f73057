/**
 * The feeder's /health checks: connected to NATS, a block seen recently (the engine is alive and
 * publishing), and each validator's last message accepted.
 */
import type { HealthChecks } from '@marketnode/telemetry';
import type { ValidatorVoter } from '../voting/validator-voter.js';

export function feederHealth(options: {
  readonly connected: boolean;
  readonly natsUrl: string;
  readonly lastBlockSeenAtMs: number | undefined;
  readonly blockStaleAfterMs: number;
  readonly voters: readonly ValidatorVoter[];
}): HealthChecks {
  const checks: Record<string, { ok: boolean; detail: string }> = {
    nats: {
      ok: options.connected,
      detail: options.connected ? `connected to ${options.natsUrl}` : `not connected to ${options.natsUrl}`,
    },
    blocks: blocksCheck(options.lastBlockSeenAtMs, options.blockStaleAfterMs),
  };
  for (const voter of options.voters) {
    const last = voter.lastOutcome;
    checks[`vote:${voter.validator}`] =
      last === undefined
        ? { ok: true, detail: 'no message confirmed yet' }
        : {
            ok: last.outcome.kind === 'accepted',
            detail:
              last.outcome.kind === 'accepted'
                ? `last ${last.kind} accepted`
                : last.outcome.kind === 'rejected'
                  ? `last ${last.kind} rejected: ${last.outcome.code}`
                  : `last ${last.kind}: no result in ${last.outcome.timeoutMs} ms`,
          };
  }
  return checks;
}

function blocksCheck(
  lastSeenAtMs: number | undefined,
  staleAfterMs: number,
): { ok: boolean; detail: string } {
  if (lastSeenAtMs === undefined) return { ok: false, detail: 'no block seen yet from the engine' };
  const ageMs = Date.now() - lastSeenAtMs;
  return ageMs <= staleAfterMs
    ? { ok: true, detail: `last block ${ageMs} ms ago` }
    : { ok: false, detail: `no block for ${ageMs} ms (more than ${staleAfterMs}): is the engine running?` };
}

/**
 * What a failing audit reports: a stable code per kind of check, the FIRST seq (and its height)
 * where the check broke, and what differs, in a message that says what to do.
 */
export const AUDIT_CODES = {
  chain: 'LEDGER_ERR_AUDIT_CHAIN',
  replay: 'LEDGER_ERR_AUDIT_REPLAY',
  supply: 'LEDGER_ERR_AUDIT_SUPPLY',
  balance: 'LEDGER_ERR_AUDIT_BALANCE',
  reserve: 'LEDGER_ERR_AUDIT_RESERVE',
  poolDelta: 'LEDGER_ERR_AUDIT_POOL_DELTA',
  projection: 'LEDGER_ERR_AUDIT_PROJECTION_MISMATCH',
  checkpoint: 'LEDGER_ERR_AUDIT_CHECKPOINT',
} as const;
export type AuditCode = (typeof AUDIT_CODES)[keyof typeof AUDIT_CODES];

export const AUDIT_HINTS: Readonly<Record<AuditCode, string>> = {
  LEDGER_ERR_AUDIT_CHAIN:
    'The log itself is damaged from this seq on: restore it from a replica or backup (`marketnode log verify` shows the same seq).',
  LEDGER_ERR_AUDIT_REPLAY:
    'Re-executing the commands does not give what the log recorded: check --genesis, and that this build runs the same core as the engine.',
  LEDGER_ERR_AUDIT_SUPPLY:
    'Coins were created or destroyed without an event that says so: the log or the core is wrong at this seq.',
  LEDGER_ERR_AUDIT_BALANCE:
    "The log's events do not explain the engine's balances at this seq: the log or the core is wrong there.",
  LEDGER_ERR_AUDIT_RESERVE:
    "The reserve's inventory is not its genesis plus inflows minus outflows at this seq: check the reserve swaps there.",
  LEDGER_ERR_AUDIT_POOL_DELTA:
    "Pool deltas recomputed from the swaps and replenishment differ from the engine's at this seq.",
  LEDGER_ERR_AUDIT_PROJECTION_MISMATCH:
    'The stored projections differ from a rebuild from the log: stop the ledger and delete its data directory to rebuild them.',
  LEDGER_ERR_AUDIT_CHECKPOINT:
    "The ledger's checkpoint names an entry the log does not have: the log was replaced or cut back; rebuild the projections.",
};

export interface AuditFailure {
  readonly code: AuditCode;
  readonly seq: bigint;
  readonly height: bigint;
  /** What differs, with both values. */
  readonly message: string;
  readonly hint: string;
}

export function auditFailure(
  code: AuditCode,
  at: { seq: bigint; height: bigint },
  what: string,
): AuditFailure {
  return {
    code,
    seq: at.seq,
    height: at.height,
    message: `audit fails at seq ${at.seq}, height ${at.height}: ${what}`,
    hint: AUDIT_HINTS[code],
  };
}

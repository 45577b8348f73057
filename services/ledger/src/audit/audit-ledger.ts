/**
 * The audit: everything the log and the ledger claim, checked against each other and against an
 * independent re-execution, stopping at the first failure. In order:
 *
 *  1. the hash chain holds (`verifyChain`), up to the ledger's checkpoint (or the log's end);
 *  2. the ledger's checkpoint names an entry of this log (same seq, same hash);
 *  3. re-executing the commands reproduces every recorded event and block state hash (`replayLog`);
 *  4. supplies, balances, the reserve's inventory and the pool deltas, as the events imply them,
 *     equal the re-execution's after every entry (`checkInvariants`);
 *  5. the incremental projections equal projections rebuilt from scratch (`firstStoreDifference`).
 *
 * Each failure names the first seq and height where the check broke and what differs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replayLog } from '@marketnode/log-audit';
import type { LogReader } from '@marketnode/log-store';
import type { NodeGenesis } from '@marketnode/node-state';
import { rebuildProjections } from '../projection/rebuild.js';
import type { ProjectionStore } from '../store/projection-store.js';
import { AUDIT_CODES, auditFailure, type AuditFailure } from './audit-failure.js';
import { firstStoreDifference } from './compare-stores.js';
import { checkInvariants } from './invariant-pass.js';

export interface AuditOptions {
  readonly reader: LogReader;
  readonly genesis: NodeGenesis;
  /** The ledger's incremental projections; without it the audit covers the log alone. */
  readonly store?: ProjectionStore;
  readonly onProgress?: (progress: { seq: bigint; phase: string }) => void;
}

export type AuditVerdict =
  | {
      readonly ok: true;
      /** The last seq audited: the ledger's checkpoint, or the log's end. */
      readonly lastSeq: bigint;
      readonly entriesAudited: number;
      readonly blocksVerified: number;
    }
  | { readonly ok: false; readonly failure: AuditFailure };

export async function auditLedger(options: AuditOptions): Promise<AuditVerdict> {
  const { reader, genesis, store } = options;
  const toSeq = store?.lastSeq ?? reader.lastEntry()?.seq ?? 0n;
  if (toSeq === 0n) return { ok: true, lastSeq: 0n, entriesAudited: 0, blocksVerified: 0 };
  const chain = await reader.verifyChain({
    toSeq,
    onProgress: ({ seq }) => options.onProgress?.({ seq, phase: 'chain' }),
  });
  if (!chain.ok)
    return fail(
      auditFailure(
        AUDIT_CODES.chain,
        { seq: chain.seq, height: heightNear(reader, chain.seq) },
        `${chain.kind}: ${chain.detail}`,
      ),
    );
  if (store !== undefined && !Buffer.from(store.lastHash).equals(chain.lastHash))
    return fail(
      auditFailure(
        AUDIT_CODES.checkpoint,
        { seq: toSeq, height: store.projection.lastHeight },
        `the ledger's checkpoint hash ${hex(store.lastHash)} is not the log's entry hash ${hex(chain.lastHash)}`,
      ),
    );
  const replay = await replayLog({
    reader,
    genesis,
    toSeq,
    onProgress: ({ seq }) => options.onProgress?.({ seq, phase: 'replay' }),
  });
  if (!replay.ok) return fail(auditFailure(AUDIT_CODES.replay, replay, `${replay.kind}: ${replay.detail}`));
  const invariant = await checkInvariants({ reader, genesis, toSeq, ...onProgress(options) });
  if (invariant !== undefined) return fail(invariant);
  if (store !== undefined) {
    const mismatch = await compareWithRebuild({ reader, genesis, store, toSeq });
    if (mismatch !== undefined) return fail(mismatch);
  }
  return {
    ok: true,
    lastSeq: toSeq,
    entriesAudited: replay.entriesReplayed,
    blocksVerified: replay.blocksVerified,
  };
}

async function compareWithRebuild(options: {
  reader: LogReader;
  genesis: NodeGenesis;
  store: ProjectionStore;
  toSeq: bigint;
}): Promise<AuditFailure | undefined> {
  const path = mkdtempSync(join(tmpdir(), 'ledger-audit-rebuild-'));
  const rebuilt = await rebuildProjections({
    reader: options.reader,
    genesis: options.genesis,
    path,
    toSeq: options.toSeq,
  });
  try {
    const difference = firstStoreDifference(options.store, rebuilt);
    if (difference === undefined) return undefined;
    const seq = difference.seq ?? options.toSeq;
    return auditFailure(
      AUDIT_CODES.projection,
      { seq, height: options.reader.entryAt(seq)?.height ?? 0n },
      `${difference.database} ${JSON.stringify(difference.key)}: the ledger has ${JSON.stringify(difference.stored)}, ` +
        `a rebuild from the log gives ${JSON.stringify(difference.rebuilt)}`,
    );
  } finally {
    await rebuilt.close();
    rmSync(path, { recursive: true, force: true });
  }
}

/** The height of the last entry before a broken one (the broken one cannot be trusted to say). */
function heightNear(reader: LogReader, seq: bigint): bigint {
  if (seq <= 1n) return 0n;
  try {
    return reader.entryAt(seq - 1n)?.height ?? 0n;
  } catch {
    return 0n;
  }
}

function onProgress(options: AuditOptions) {
  return options.onProgress === undefined ? {} : { onProgress: options.onProgress };
}

function fail(failure: AuditFailure): AuditVerdict {
  return { ok: false, failure };
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/**
 * The pending reveal of each validator, on disk before its prevote is published, so a feeder
 * killed between its prevote and its vote still reveals after a restart (docs/decisions, the
 * feeder's pending votes).
 *
 * One small JSON file per validator in the feeder's data directory, replaced atomically: the new
 * content goes to a temporary file, which is fsynced, renamed over the old one, and the directory
 * is fsynced so the rename itself is durable. A crash leaves either the old file or the new one,
 * never a mix. A file that does not read back as a pending vote is reported, never trusted.
 */
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

export interface PendingVote {
  readonly validator: string;
  /** The vote period the prevote was made in (confirmed by the engine's result once it came). */
  readonly period: bigint;
  readonly salt: string;
  /** The exact text hashed in the prevote and to be revealed. */
  readonly exchangeRatesText: string;
}

/** What a load found. */
export type PendingLoad =
  | { readonly kind: 'none' }
  | { readonly kind: 'found'; readonly pending: PendingVote }
  | { readonly kind: 'unreadable'; readonly detail: string };

const FILE_PREFIX = 'pending-vote.';
const FILE_SUFFIX = '.json';
const TEMP_SUFFIX = '.tmp';
/** A pending vote is a few hundred bytes; anything much larger is not one of ours. */
const FILE_BYTES_MAX = 64 * 1024;

export class PendingVoteStore {
  constructor(private readonly dataDir: string) {}

  fileOf(validator: string): string {
    return join(this.dataDir, `${FILE_PREFIX}${validator}${FILE_SUFFIX}`);
  }

  async load(validator: string): Promise<PendingLoad> {
    let text: string;
    try {
      const bytes = await readFile(this.fileOf(validator));
      if (bytes.length > FILE_BYTES_MAX)
        return { kind: 'unreadable', detail: `larger than ${FILE_BYTES_MAX} bytes` };
      text = bytes.toString('utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
      throw error;
    }
    return readPendingVote(text, validator);
  }

  /** Resolves once the new pending vote is on disk (file and directory entry). */
  async save(pending: PendingVote): Promise<void> {
    await mkdir(this.dataDir, { recursive: true });
    const path = this.fileOf(pending.validator);
    const temp = `${path}${TEMP_SUFFIX}`;
    const body = JSON.stringify({
      validator: pending.validator,
      period: pending.period.toString(),
      salt: pending.salt,
      exchangeRatesText: pending.exchangeRatesText,
    });
    const file = await open(temp, 'w', 0o600);
    try {
      await file.writeFile(body, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
    await this.syncDirectory();
  }

  /** Forgets the pending vote (revealed, rejected or stale); durable like `save`. */
  async clear(validator: string): Promise<void> {
    await rm(this.fileOf(validator), { force: true });
    await this.syncDirectory();
  }

  private async syncDirectory(): Promise<void> {
    const directory = await open(this.dataDir, 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  }
}

function readPendingVote(text: string, validator: string): PendingLoad {
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (error) {
    return { kind: 'unreadable', detail: `not JSON (${(error as Error).message})` };
  }
  if (typeof record !== 'object' || record === null) return { kind: 'unreadable', detail: 'not an object' };
  const { validator: owner, period, salt, exchangeRatesText } = record as Record<string, unknown>;
  if (owner !== validator) return { kind: 'unreadable', detail: `written for ${String(owner)}` };
  if (typeof period !== 'string' || !/^\d{1,20}$/.test(period))
    return { kind: 'unreadable', detail: 'period is not a whole number' };
  if (typeof salt !== 'string' || salt.length === 0) return { kind: 'unreadable', detail: 'no salt' };
  if (typeof exchangeRatesText !== 'string' || exchangeRatesText.length === 0)
    return { kind: 'unreadable', detail: 'no exchange rates text' };
  return { kind: 'found', pending: { validator, period: BigInt(period), salt, exchangeRatesText } };
}

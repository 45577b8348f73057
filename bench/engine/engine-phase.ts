/**
 * One engine run: a fresh log in its own folder, the engine child, a client with a shared reply
 * inbox, the driver, then a clean stop and a look at the log the engine wrote.
 *
 * Each run starts from genesis because the demo genesis has no feeders: its rates are cleared at the
 * end of the first vote period (block 4, 24 s at 6 s blocks) and every swap after that would be
 * rejected for want of a price. A run (start, warm-up, window) stays well inside those 24 s.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openLogReader } from '@marketnode/log-store';
import { closeNats, connectNats, SharedInboxRequester, withTimeout } from '@marketnode/nats-kit';
import { decodeLogBody } from '@marketnode/events';
import { type ChildProgram, ENGINE_PROGRAM, startEngineProcess } from './engine-process.js';

/** Swaps are small; a request still unanswered after this is a failure, not a latency. */
export const BENCH_REQUEST_TIMEOUT_MS = 5_000;
const LOG_SAMPLE_ENTRIES = 1_000;

export interface EnginePhaseOptions {
  readonly name: string;
  readonly workDir: string;
  readonly genesisPath: string;
  readonly natsUrl: string;
  readonly nodeArgs: readonly string[];
  readonly inFlightMax: number;
  /** An upper bound on `drive`: it is abandoned (and the run fails) after this. */
  readonly driveTimeoutMs: number;
}

export interface EngineLogSummary {
  readonly lastSeq: bigint;
  /** Mean body of the Swap entries among the first LOG_SAMPLE_ENTRIES. */
  readonly swapBodyBytesMean: number;
}

/** What a driver knows of the engine it drives. */
export interface DrivenEngine {
  readonly pid: number;
}

export async function runEnginePhase<T>(
  options: EnginePhaseOptions,
  drive: (requester: SharedInboxRequester, engine: DrivenEngine) => Promise<T>,
): Promise<{ result: T; log: EngineLogSummary }> {
  return runChildPhase(options, ENGINE_PROGRAM, drive, summarizeLog);
}

/** The same run with another child that serves swaps; `readLog` looks at its folder after it stopped. */
export async function runChildPhase<T, L>(
  options: EnginePhaseOptions,
  program: ChildProgram,
  drive: (requester: SharedInboxRequester, engine: DrivenEngine) => Promise<T>,
  readLog: (dataDir: string) => L,
): Promise<{ result: T; log: L }> {
  const dataDir = join(options.workDir, `engine-${options.name}`);
  mkdirSync(dataDir);
  try {
    const engine = await startEngineProcess({
      dataDir,
      genesisPath: options.genesisPath,
      natsUrl: options.natsUrl,
      nodeArgs: options.nodeArgs,
      program,
    });
    let result: T;
    try {
      result = await driveThroughClient(options, (requester) => drive(requester, { pid: engine.pid }));
    } catch (error) {
      await engine.stop();
      throw error;
    }
    const code = await engine.stop();
    if (code !== 0) throw new Error(`the engine exited with ${code} on SIGTERM:\n${engine.stderrTail()}`);
    return { result, log: readLog(dataDir) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function driveThroughClient<T>(
  options: EnginePhaseOptions,
  drive: (requester: SharedInboxRequester) => Promise<T>,
): Promise<T> {
  const nc = await connectNats({ servers: options.natsUrl, name: `bench-engine-${options.name}` });
  const requester = new SharedInboxRequester(nc, {
    timeoutMs: BENCH_REQUEST_TIMEOUT_MS,
    inFlightMax: options.inFlightMax,
  });
  try {
    return await withTimeout(drive(requester), {
      timeoutMs: options.driveTimeoutMs,
      operation: `the ${options.name} run`,
    });
  } finally {
    requester.close();
    await closeNats(nc);
  }
}

function summarizeLog(dataDir: string): EngineLogSummary {
  const reader = openLogReader({ path: dataDir });
  try {
    const lastSeq = reader.lastEntry()?.seq ?? 0n;
    let swapBodyBytes = 0;
    let swaps = 0;
    const sampleEnd = lastSeq < BigInt(LOG_SAMPLE_ENTRIES) ? lastSeq : BigInt(LOG_SAMPLE_ENTRIES);
    for (const entry of sampleEnd === 0n ? [] : reader.readRange(1n, sampleEnd)) {
      const { command } = decodeLogBody(entry.body);
      if (command.type !== 'Swap') continue;
      swaps++;
      swapBodyBytes += entry.body.byteLength;
    }
    return { lastSeq, swapBodyBytesMean: swaps === 0 ? 0 : swapBodyBytes / swaps };
  } finally {
    reader.close();
  }
}

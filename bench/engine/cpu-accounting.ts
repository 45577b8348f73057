/**
 * Where the machine's CPU goes during a measured window, read from Linux's /proc: the CPU seconds
 * each party (the engine's event loop, the engine's other threads, nats-server, this load generator)
 * spent, and how busy the machine's cores were. Divided by the swaps of the window it says what a
 * swap costs each party, which is far steadier from run to run than a rate on a shared machine, and
 * it bounds what any engine could reach: on N cores, `N / (cost of everyone per swap)`.
 *
 * On a system without /proc the readings are absent and the report says so; nothing fails.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Linux reports process times in clock ticks of 1/100 s on every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

export interface CpuParty {
  readonly name: string;
  /** A process id, and optionally one of its threads (its id; the main thread's equals the pid). */
  readonly pid: number;
  readonly tid?: number;
  /** Subtract these parties' seconds from this one's (a process less its main thread). */
  readonly less?: readonly CpuParty[];
}

interface CpuReading {
  readonly seconds: ReadonlyMap<string, number>;
  readonly busySeconds: number;
  readonly totalSeconds: number;
}

export interface CpuUse {
  /** CPU seconds per party over the window. */
  readonly seconds: ReadonlyMap<string, number>;
  /** The fraction of all cores busy (any process) over the window. */
  readonly machineBusy: number;
  readonly cores: number;
}

/** utime + stime of a process or thread, in seconds; undefined if /proc cannot say. */
function statSeconds(path: string): number | undefined {
  try {
    const stat = readFileSync(path, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const userTicks = Number(fields[11]);
    const systemTicks = Number(fields[12]);
    if (!Number.isFinite(userTicks) || !Number.isFinite(systemTicks)) return undefined;
    return (userTicks + systemTicks) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

function partySeconds(party: CpuParty): number | undefined {
  const own = statSeconds(
    party.tid === undefined ? `/proc/${party.pid}/stat` : `/proc/${party.pid}/task/${party.tid}/stat`,
  );
  if (own === undefined) return undefined;
  let seconds = own;
  for (const other of party.less ?? []) {
    const less = partySeconds(other);
    if (less === undefined) return undefined;
    seconds -= less;
  }
  return seconds;
}

/** Busy and total seconds of all cores since boot (/proc/stat's first line). */
function machineSeconds(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const ticks = line.trim().split(/\s+/).slice(1).map(Number);
    const total = ticks.reduce((sum, value) => sum + value, 0);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0); // idle and iowait
    return { busy: (total - idle) / CLOCK_TICKS_PER_SECOND, total: total / CLOCK_TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

function readCpu(parties: readonly CpuParty[]): CpuReading | undefined {
  const machine = machineSeconds();
  if (machine === undefined) return undefined;
  const seconds = new Map<string, number>();
  for (const party of parties) {
    const value = partySeconds(party);
    if (value === undefined) return undefined;
    seconds.set(party.name, value);
  }
  return { seconds, busySeconds: machine.busy, totalSeconds: machine.total };
}

function cpuUseBetween(start: CpuReading | undefined, end: CpuReading | undefined): CpuUse | undefined {
  if (start === undefined || end === undefined) return undefined;
  const seconds = new Map<string, number>();
  for (const [name, value] of end.seconds) seconds.set(name, value - (start.seconds.get(name) ?? 0));
  const total = end.totalSeconds - start.totalSeconds;
  return {
    seconds,
    machineBusy: total > 0 ? (end.busySeconds - start.busySeconds) / total : 0,
    cores: cpus().length,
  };
}

/** Readings at a measured window's edges (pass `onEdge` as a loop's `onWindow`), then their difference. */
export function cpuWindow(parties: readonly CpuParty[]): {
  readonly onEdge: (edge: 'start' | 'end') => void;
  use(): CpuUse | undefined;
} {
  const readings: { start?: CpuReading | undefined; end?: CpuReading | undefined } = {};
  return {
    onEdge: (edge) => (readings[edge] = readCpu(parties)),
    use: () => cpuUseBetween(readings.start, readings.end),
  };
}

/** The parties of an engine run: its event loop, its other threads, nats-server, this process. */
export function engineRunParties(enginePid: number, natsServerPid: number): CpuParty[] {
  const eventLoop: CpuParty = { name: 'engine event loop', pid: enginePid, tid: enginePid };
  return [
    eventLoop,
    { name: 'engine other threads', pid: enginePid, less: [eventLoop] },
    { name: 'nats-server', pid: natsServerPid },
    { name: 'load generator', pid: process.pid },
  ];
}

/** Microseconds of CPU per unit of work (swap or round trip), per party, in the order read. */
export function microsecondsPer(use: CpuUse, units: number): { name: string; micros: number }[] {
  return [...use.seconds].map(([name, seconds]) => ({ name, micros: (seconds * 1e6) / units }));
}

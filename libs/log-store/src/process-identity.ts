/**
 * Who holds the writer lock, precisely enough to tell later whether that process still runs. A pid
 * alone is not enough: after a crash the pid can be reused by an unrelated process, and after a reboot
 * every old pid is meaningless. On Linux the boot id and the process start time (in clock ticks since
 * boot, from /proc/<pid>/stat) pin down one process; elsewhere they are empty and only the pid is
 * checked.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

export interface ProcessIdentity {
  readonly pid: number;
  readonly host: string;
  /** Linux boot id, '' where unknown. */
  readonly bootId: string;
  /** Start time of the process in clock ticks since boot, '' where unknown. */
  readonly startTicks: string;
}

export function currentProcessIdentity(): ProcessIdentity {
  return {
    pid: process.pid,
    host: hostname(),
    bootId: readBootId(),
    startTicks: readProcStat(process.pid)?.startTicks ?? '',
  };
}

/**
 * Whether the process named by `identity` still runs. A process on another host cannot be checked,
 * so it counts as alive (the caller must take over explicitly).
 */
export function processIsAlive(identity: ProcessIdentity): boolean {
  if (identity.host !== hostname()) return true;
  const bootId = readBootId();
  if (identity.bootId !== '' && bootId !== '' && identity.bootId !== bootId) return false;
  if (!pidExists(identity.pid)) return false;
  const stat = readProcStat(identity.pid);
  if (stat === undefined) return true;
  if (stat.state === 'Z' || stat.state === 'X') return false;
  return identity.startTicks === '' || stat.startTicks === identity.startTicks;
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readBootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'latin1').trim();
  } catch {
    return '';
  }
}

/** Fields 3 (state) and 22 (starttime) of /proc/<pid>/stat; the name (field 2) may hold spaces. */
function readProcStat(pid: number): { state: string; startTicks: string } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined;
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const startTicks = fields[19];
  if (state === undefined || startTicks === undefined) return undefined;
  return { state, startTicks };
}

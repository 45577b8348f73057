/**
 * Last-resort cleanup of the process groups we started: when this process exits for any reason Node
 * still sees (normal end, uncaught exception, `process.exit`), every group still registered gets
 * SIGKILL. A SIGKILL of this process is covered by the watchdog in the harness instead (it sees its
 * stdin pipe close).
 */
const liveGroups = new Set<number>();
let installed = false;

export function registerProcessGroup(pid: number): void {
  if (!installed) {
    process.on('exit', killAll);
    installed = true;
  }
  liveGroups.add(pid);
}

export function unregisterProcessGroup(pid: number): void {
  liveGroups.delete(pid);
}

/** Sends `signal` to the whole group led by `pid`; false when the group is already gone. */
export function signalProcessGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // ESRCH: nothing left to signal
  }
}

function killAll(): void {
  for (const pid of liveGroups) signalProcessGroup(pid, 'SIGKILL');
  liveGroups.clear();
}

/**
 * Reads nats-server's log from its stderr: keeps the last lines for error messages, and resolves
 * `ready` with the client port and the server's pid once the server says it is ready. Lines look
 * like `[611] 2026/11/22 01:38:00.483057 [INF] Listening for client connections on 127.0.0.1:43363`.
 */
import type { ChildProcess } from 'node:child_process';

/** Enough to show why a start failed, bounded so a chatty server cannot grow memory. */
export const LOG_LINES_KEPT = 40;

const PID_PATTERN = /^\[(\d+)\]/;
const LISTENING_PATTERN = /Listening for client connections on .*:(\d+)\s*$/;
const READY_PATTERN = /Server is ready/;

export class ServerLogWatcher {
  readonly ready: Promise<{ port: number; serverPid: number }>;
  private readonly lines: string[] = [];
  private partial = '';
  private port: number | undefined;
  private serverPid: number | undefined;
  private resolveReady!: (ready: { port: number; serverPid: number }) => void;

  constructor(child: ChildProcess) {
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
    child.stderr?.setEncoding('utf8');
    // Always consumed, even after start: a full pipe would block the server's logging.
    child.stderr?.on('data', (chunk: string) => this.onChunk(chunk));
  }

  tail(): readonly string[] {
    return [...this.lines];
  }

  private onChunk(chunk: string): void {
    const parts = (this.partial + chunk).split('\n');
    this.partial = parts.pop() ?? '';
    if (this.partial.length > 4096) this.partial = this.partial.slice(-4096); // one absurd line
    for (const line of parts) this.onLine(line);
  }

  private onLine(line: string): void {
    this.lines.push(line);
    if (this.lines.length > LOG_LINES_KEPT) this.lines.shift();
    this.serverPid ??= Number(PID_PATTERN.exec(line)?.[1] ?? NaN) || undefined;
    const listening = LISTENING_PATTERN.exec(line);
    if (listening !== null) this.port = Number(listening[1]);
    if (READY_PATTERN.test(line) && this.port !== undefined && this.serverPid !== undefined)
      this.resolveReady({ port: this.port, serverPid: this.serverPid });
  }
}

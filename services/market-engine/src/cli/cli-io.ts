/**
 * Where a command writes. `main` gets the process's streams; tests pass collectors, so a command's
 * output can be checked without spawning a process.
 */
export interface OutputStream {
  /** False when the stream's buffer is full: wait for `drain` before writing more. */
  write(text: string): boolean;
  once?(event: 'drain', listener: () => void): unknown;
  readonly isTTY?: boolean;
}

export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
}

export function processIo(): CliIo {
  // `marketnode log inspect | head` closes the pipe early: that is the reader's choice, not a failure.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  return { stdout: process.stdout, stderr: process.stderr };
}

/** Writes one line, waiting for the stream to drain when it asks to, so long outputs stay bounded. */
export async function writeLine(stream: OutputStream, line: string): Promise<void> {
  if (stream.write(`${line}\n`) || stream.once === undefined) return;
  await new Promise<void>((resolve) => stream.once?.('drain', resolve));
}

/**
 * Progress of long work on stderr: one line rewritten in place on a terminal, nothing at all when
 * stderr is a file or a pipe (so scripts and logs see only results and errors).
 */
import type { OutputStream } from './cli-io.js';

/** Call with a text to show it, with undefined to clear it before printing results. */
export type ProgressLine = (text: string | undefined) => void;

export function progressLine(stream: OutputStream): ProgressLine {
  let shown = false;
  return (text) => {
    if (stream.isTTY !== true) return;
    if (text === undefined) {
      if (shown) stream.write('\r\u001b[2K');
      shown = false;
      return;
    }
    stream.write(`\r\u001b[2K${text}`);
    shown = true;
  };
}

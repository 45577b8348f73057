/**
 * A pino logger for terminals: pino builds each record as usual (so the engine takes it as its
 * `Logger`), and this destination rewrites the JSON line into one readable line,
 * `<ISO time> INFO  <name>: <message> key=value ...`. Services run under a supervisor keep pino's
 * JSON; `marketnode engine` and `npm start` are read by people.
 */
import { pino, type Logger } from 'pino';

const LEVEL_NAMES: Readonly<Record<number, string>> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO ',
  40: 'WARN ',
  50: 'ERROR',
  60: 'FATAL',
};
/** Fields every record has, shown in the line's fixed part rather than as key=value. */
const FIXED_FIELDS = new Set(['level', 'time', 'name', 'msg']);

export function createReadableLogger(
  stream: { write(text: string): unknown },
  options: { readonly name: string },
): Logger {
  return pino(
    { base: { name: options.name } },
    { write: (line: string) => stream.write(readableLine(line)) },
  );
}

/** One pino JSON line as a readable line (a line that is not JSON passes through unchanged). */
export function readableLine(jsonLine: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(jsonLine) as Record<string, unknown>;
  } catch {
    return jsonLine;
  }
  const time = typeof record['time'] === 'number' ? new Date(record['time']).toISOString() : '';
  const level = LEVEL_NAMES[Number(record['level'])] ?? String(record['level']);
  const name = typeof record['name'] === 'string' ? `${record['name']}: ` : '';
  let fields = '';
  for (const [key, value] of Object.entries(record))
    if (!FIXED_FIELDS.has(key)) fields += ` ${key}=${fieldText(value)}`;
  return `${time} ${level} ${name}${String(record['msg'] ?? '')}${fields}\n`;
}

function fieldText(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'object' && value !== null && 'message' in value)
    return JSON.stringify(String((value as { message: unknown }).message));
  return JSON.stringify(value);
}

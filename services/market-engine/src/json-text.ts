/**
 * JSON for `--json` output. JSON has no bigint and no bytes: amounts, heights and seqs are written as
 * decimal strings (exact; a JSON number would lose precision past 2^53), bytes as lowercase hex.
 */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, item: unknown) {
    // `this[key]` is the value before `toJSON`: a Buffer would otherwise arrive as { type, data }.
    const raw = key === '' ? item : this[key];
    if (typeof raw === 'bigint') return raw.toString();
    if (raw instanceof Uint8Array)
      return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('hex');
    return item;
  });
}

/**
 * CSV as RFC 4180 quotes it: a field holding a comma, a double quote, CR or LF is enclosed in double
 * quotes, with its quotes doubled; every other field is written as it is. Lines end with LF.
 */
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One line (without its line end) of the given columns of a row; a column the row lacks is empty. */
export function csvLine(columns: readonly string[], row: Readonly<Record<string, string>>): string {
  return columns.map((column) => csvField(row[column] ?? '')).join(',');
}

export function csvHeader(columns: readonly string[]): string {
  return columns.map(csvField).join(',');
}

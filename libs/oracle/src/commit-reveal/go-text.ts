/**
 * Go's text rules where they differ from JavaScript's: `strings.TrimSpace` (Unicode White_Space,
 * which includes U+0085 but not U+FEFF, unlike `String.prototype.trim`), `len()` in UTF-8 bytes,
 * and `hex.DecodeString` with its exact error strings.
 */

const GO_SPACE = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
  0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

/** `strings.TrimSpace`. */
export function goTrimSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && GO_SPACE.has(text.charCodeAt(start))) start += 1;
  while (end > start && GO_SPACE.has(text.charCodeAt(end - 1))) end -= 1;
  return text.slice(start, end);
}

const utf8 = new TextEncoder();

/** Go's `len(s)`: the number of UTF-8 bytes. */
export function utf8Length(text: string): number {
  return utf8.encode(text).length;
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10;
  return -1;
}

/** `fmt` `%#U` of a byte taken as a rune: `U+0067 'g'`, without the quote when not printable. */
function formatRune(byte: number): string {
  const code = 'U+' + byte.toString(16).toUpperCase().padStart(4, '0');
  const printable = (byte >= 0x20 && byte <= 0x7e) || (byte >= 0xa1 && byte !== 0xad);
  return printable ? `${code} '${String.fromCharCode(byte)}'` : code;
}

/**
 * `hex.DecodeString`: undefined when valid, else Go's error text. Pairs are checked left to right;
 * an odd trailing byte is reported as invalid before the length is.
 */
export function goHexDecodeError(text: string): string | undefined {
  const bytes = utf8.encode(text);
  let index = 1;
  for (; index < bytes.length; index += 2) {
    const high = bytes[index - 1] as number;
    const low = bytes[index] as number;
    if (hexValue(high) < 0) return `encoding/hex: invalid byte: ${formatRune(high)}`;
    if (hexValue(low) < 0) return `encoding/hex: invalid byte: ${formatRune(low)}`;
  }
  if (bytes.length % 2 === 1) {
    const last = bytes[index - 1] as number;
    if (hexValue(last) < 0) return `encoding/hex: invalid byte: ${formatRune(last)}`;
    return 'encoding/hex: odd length hex string';
  }
  return undefined;
}

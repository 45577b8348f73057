/**
 * A small msgpack writer for the hot path: commands and events are written straight from their typed
 * values, with pre-encoded keys and an ASCII fast path, instead of building a wire object and
 * handing it to @msgpack/msgpack's generic encoder (three times slower on a swap's events).
 *
 * It writes exactly the bytes @msgpack/msgpack writes for the same wire value with
 * `CANONICAL_MSGPACK_OPTIONS` (the smallest header for each length, bigints as 8-byte uint64), so
 * the two are interchangeable; a property test holds them to that.
 */

const INITIAL_BYTES = 4096;
const UINT32_LIMIT = 0x1_0000_0000;
const UINT64_LIMIT = 1n << 64n;
const textEncoder = new TextEncoder();
/** str8, str16, str32. */
const STRING_HEADER_CODES = [0xd9, 0xda, 0xdb] as const;
const DEC_DECIMALS = 18;

/** Node 20 has `String.prototype.isWellFormed` (ES2024); the compiler's ES2022 lib does not list it. */
export function isWellFormed(text: string): boolean {
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed();
}

export class MsgpackWriter {
  #bytes = new Uint8Array(INITIAL_BYTES);
  #view = new DataView(this.#bytes.buffer);
  #pos = 0;

  /**
   * Starts a new value. Every top-level encode calls it first, so a write that an assertion
   * interrupted half way leaves nothing behind for the next one.
   */
  reset(): void {
    this.#pos = 0;
  }

  /**
   * The bytes written since the last `reset`, as a fresh array; the writer starts over. The array is
   * cut from Node's shared allocation pool (a view, not its own ArrayBuffer): on the engine's hot path
   * a new ArrayBuffer per encoded value cost more than the encoding (measured: `slice` 0.7-1.5 us,
   * a pooled copy 0.45 us for 560 bytes). Readers must respect `byteOffset`, as every reader here does.
   */
  finish(): Uint8Array {
    const out = pooledBytes(this.#pos);
    out.set(this.#bytes.subarray(0, this.#pos));
    this.#pos = 0;
    return out;
  }

  #ensure(byteCount: number): void {
    const needed = this.#pos + byteCount;
    if (needed <= this.#bytes.length) return;
    const grown = new Uint8Array(Math.max(needed, this.#bytes.length * 2));
    grown.set(this.#bytes.subarray(0, this.#pos));
    this.#bytes = grown;
    this.#view = new DataView(grown.buffer);
  }

  nil(): void {
    this.#ensure(1);
    this.#bytes[this.#pos++] = 0xc0;
  }

  boolean(value: boolean): void {
    this.#ensure(1);
    this.#bytes[this.#pos++] = value ? 0xc3 : 0xc2;
  }

  /** A non-negative integer number below 2^32 (msgpack's smallest int form, as the library writes it). */
  smallUint(value: number): void {
    if (!Number.isInteger(value) || value < 0 || value >= UINT32_LIMIT) {
      throw new Error(`assertion failed: ${value} is not a uint32`);
    }
    this.#ensure(5);
    if (value < 0x80) {
      this.#bytes[this.#pos++] = value;
    } else if (value < 0x100) {
      this.#bytes[this.#pos++] = 0xcc;
      this.#bytes[this.#pos++] = value;
    } else if (value < 0x10000) {
      this.#bytes[this.#pos++] = 0xcd;
      this.#view.setUint16(this.#pos, value);
      this.#pos += 2;
    } else {
      this.#bytes[this.#pos++] = 0xce;
      this.#view.setUint32(this.#pos, value);
      this.#pos += 4;
    }
  }

  /** A bigint as msgpack uint64, always 9 bytes (what `useBigInt64` writes). */
  uint64(value: bigint): void {
    if (value < 0n || value >= UINT64_LIMIT) throw new Error(`assertion failed: ${value} is not a uint64`);
    this.#ensure(9);
    this.#bytes[this.#pos++] = 0xcf;
    this.#view.setBigUint64(this.#pos, value);
    this.#pos += 8;
  }

  #header(byteLength: number, fix: number, fixLimit: number, codes: readonly [number, number, number]): void {
    this.#ensure(5);
    if (byteLength < fixLimit) {
      this.#bytes[this.#pos++] = fix + byteLength;
    } else if (byteLength < 0x100 && codes[0] !== 0) {
      this.#bytes[this.#pos++] = codes[0];
      this.#bytes[this.#pos++] = byteLength;
    } else if (byteLength < 0x10000) {
      this.#bytes[this.#pos++] = codes[1];
      this.#view.setUint16(this.#pos, byteLength);
      this.#pos += 2;
    } else {
      this.#bytes[this.#pos++] = codes[2];
      this.#view.setUint32(this.#pos, byteLength);
      this.#pos += 4;
    }
  }

  mapHeader(size: number): void {
    this.#header(size, 0x80, 16, [0, 0xde, 0xdf]);
  }

  arrayHeader(size: number): void {
    this.#header(size, 0x90, 16, [0, 0xdc, 0xdd]);
  }

  string(text: string): void {
    // Optimistic ASCII: one byte per character, so the header is known before the bytes are; on the
    // first other character, start over on the UTF-8 path.
    const length = text.length;
    const start = this.#pos;
    this.#header(length, 0xa0, 32, STRING_HEADER_CODES);
    this.#ensure(length);
    const bytes = this.#bytes;
    let pos = this.#pos;
    for (let i = 0; i < length; i += 1) {
      const code = text.charCodeAt(i);
      if (code > 0x7f) {
        this.#pos = start;
        return this.#utf8String(text);
      }
      bytes[pos++] = code;
    }
    this.#pos = pos;
  }

  /**
   * A Dec's canonical text (`dec.format`: sign, integer part, `.`, exactly 18 decimals) written
   * straight from its scaled integer, without building the string.
   */
  decText(scaled: bigint): void {
    const negative = scaled < 0n;
    const digits = (negative ? -scaled : scaled).toString();
    const digitCount = digits.length;
    const integerDigits = digitCount > DEC_DECIMALS ? digitCount - DEC_DECIMALS : 0;
    const textLength = (negative ? 1 : 0) + Math.max(integerDigits, 1) + 1 + DEC_DECIMALS;
    this.#header(textLength, 0xa0, 32, STRING_HEADER_CODES);
    this.#ensure(textLength);
    const bytes = this.#bytes;
    let pos = this.#pos;
    if (negative) bytes[pos++] = 0x2d; // '-'
    if (integerDigits === 0) bytes[pos++] = 0x30; // '0'
    for (let i = 0; i < integerDigits; i += 1) bytes[pos++] = digits.charCodeAt(i);
    bytes[pos++] = 0x2e; // '.'
    for (let zeros = DEC_DECIMALS - digitCount; zeros > 0; zeros -= 1) bytes[pos++] = 0x30;
    for (let i = integerDigits; i < digitCount; i += 1) bytes[pos++] = digits.charCodeAt(i);
    this.#pos = pos;
  }

  #utf8String(text: string): void {
    // A lone surrogate has no UTF-8 form (encoders disagree on it): the edge and the decoder refuse it.
    if (!isWellFormed(text)) throw new Error('assertion failed: a string with a lone surrogate');
    const encoded = textEncoder.encode(text);
    this.#header(encoded.length, 0xa0, 32, STRING_HEADER_CODES);
    this.raw(encoded);
  }

  /** Bytes that already are msgpack (a pre-encoded key, or a whole value encoded elsewhere). */
  raw(bytes: Uint8Array): void {
    const length = bytes.length;
    this.#ensure(length);
    const target = this.#bytes;
    const pos = this.#pos;
    if (length <= 16) {
      for (let i = 0; i < length; i += 1) target[pos + i] = bytes[i] as number;
    } else {
      target.set(bytes, pos);
    }
    this.#pos = pos + length;
  }
}

/** Encodings up to this size are cut from a shared slab; larger ones get a buffer of their own. */
const POOLED_BYTES_MAX = 4 * 1024;
const SLAB_BYTES = 64 * 1024;
let slab = new ArrayBuffer(SLAB_BYTES);
let slabOffset = 0;

/**
 * `byteLength` bytes for an encoding, as a plain Uint8Array view cut from a shared slab (the way
 * Node's Buffer pool works, minus the Buffer object it makes first: the hot path encodes three
 * values a swap). The caller overwrites every byte. A view keeps its whole slab alive: harmless for
 * the few constants encoded at load (pre-encoded keys), wasteful for anything kept per request; and
 * its `buffer` must never be transferred.
 */
export function pooledBytes(byteLength: number): Uint8Array {
  if (byteLength > POOLED_BYTES_MAX) return new Uint8Array(byteLength);
  if (slabOffset + byteLength > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    slabOffset = 0;
  }
  const bytes = new Uint8Array(slab, slabOffset, byteLength);
  slabOffset += (byteLength + 7) & ~7; // 8-byte aligned, as in Node's pool
  return bytes;
}

/** The msgpack bytes of a string, for keys written many times. */
export function encodedString(text: string): Uint8Array {
  const writer = new MsgpackWriter();
  writer.string(text);
  return writer.finish();
}

/**
 * The few msgpack forms the log's records use, written in exactly one way and read back strictly.
 *
 * Why not a general msgpack library here: a hash is only reproducible if the same value always gives
 * the same bytes, and a general encoder leaves choices open (integer widths, number vs bigint, key
 * order). These records are small fixed-shape maps of unsigned integers and byte strings, so the
 * canonical form is written by construction: a fixmap, fixstr keys in a fixed order, every integer and
 * length in its shortest form. The reader accepts only that form (a longer integer, an unknown key,
 * trailing bytes are errors), so anything that decodes is also exactly what would be written. The
 * output is plain msgpack that any decoder reads (a test checks it against @msgpack/msgpack).
 */
import { UINT64_MAX } from './limits.js';

/** The bytes are not the canonical form of the expected record. */
export class NonCanonicalError extends Error {
  override readonly name = 'NonCanonicalError';
}

const FIXMAP = 0x80;
const FIXMAP_ENTRIES_MAX = 15;
const FIXSTR = 0xa0;
const FIXSTR_BYTES_MAX = 31;
const UINT8 = 0xcc;
const UINT16 = 0xcd;
const UINT32 = 0xce;
const UINT64 = 0xcf;
const BIN8 = 0xc4;
const BIN16 = 0xc5;
const BIN32 = 0xc6;
const FIXINT_MAX = 0x7fn;
const BIN_BYTES_MAX = 0xffffffff;

export function uintBytes(value: bigint): number {
  if (value <= FIXINT_MAX) return 1;
  if (value <= 0xffn) return 2;
  if (value <= 0xffffn) return 3;
  if (value <= 0xffffffffn) return 5;
  return 9;
}

export function binBytes(length: number): number {
  if (length <= 0xff) return 2 + length;
  if (length <= 0xffff) return 3 + length;
  return 5 + length;
}

/** A map key: a fixstr of ASCII letters. */
export function keyBytes(key: string): number {
  return 1 + key.length;
}

/** Writes into a buffer sized exactly by the caller (the sizes above), so each record is one allocation. */
export class CanonicalWriter {
  position = 0;
  constructor(readonly bytes: Buffer) {}

  mapHeader(entries: number): void {
    if (!(entries >= 0 && entries <= FIXMAP_ENTRIES_MAX)) throw new RangeError(`fixmap of ${entries}`);
    this.bytes[this.position++] = FIXMAP | entries;
  }

  key(key: string): void {
    if (key.length > FIXSTR_BYTES_MAX) throw new RangeError(`key ${key} too long for a fixstr`);
    const b = this.bytes;
    b[this.position++] = FIXSTR | key.length;
    // Keys are short ASCII names: a byte loop is cheaper than a call into Buffer.write per key (a
    // tenth of an entry's envelope on the append thread, profiled).
    for (let i = 0; i < key.length; i++) b[this.position++] = key.charCodeAt(i);
  }

  uint(value: bigint): void {
    if (value < 0n || value > UINT64_MAX) throw new RangeError(`${value} is not a uint64`);
    const b = this.bytes;
    if (value <= FIXINT_MAX) {
      b[this.position++] = Number(value);
    } else if (value <= 0xffn) {
      b[this.position++] = UINT8;
      b[this.position++] = Number(value);
    } else if (value <= 0xffffn) {
      b[this.position++] = UINT16;
      this.position = b.writeUInt16BE(Number(value), this.position);
    } else if (value <= 0xffffffffn) {
      b[this.position++] = UINT32;
      this.position = b.writeUInt32BE(Number(value), this.position);
    } else {
      b[this.position++] = UINT64;
      this.position = b.writeBigUInt64BE(value, this.position);
    }
  }

  bin(value: Uint8Array): void {
    const b = this.bytes;
    const length = value.length;
    if (length > BIN_BYTES_MAX) throw new RangeError(`bin of ${length} bytes`);
    if (length <= 0xff) {
      b[this.position++] = BIN8;
      b[this.position++] = length;
    } else if (length <= 0xffff) {
      b[this.position++] = BIN16;
      this.position = b.writeUInt16BE(length, this.position);
    } else {
      b[this.position++] = BIN32;
      this.position = b.writeUInt32BE(length, this.position);
    }
    b.set(value, this.position);
    this.position += length;
  }
}

/** Reads the canonical form back, throwing NonCanonicalError on anything else. */
export class CanonicalReader {
  position = 0;
  private readonly view: Buffer;
  constructor(bytes: Uint8Array) {
    this.view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  }

  mapHeader(): number {
    const tag = this.byte();
    if ((tag & 0xf0) !== FIXMAP) throw new NonCanonicalError(`expected a fixmap, found 0x${hex(tag)}`);
    return tag & 0x0f;
  }

  /** True and consumed when the next key is `key`; false (nothing consumed) otherwise. */
  nextKeyIs(key: string): boolean {
    const b = this.view;
    const at = this.position;
    if (at + 1 + key.length > b.length || b[at] !== (FIXSTR | key.length)) return false;
    for (let i = 0; i < key.length; i++) if (b[at + 1 + i] !== key.charCodeAt(i)) return false;
    this.position = at + 1 + key.length;
    return true;
  }

  key(key: string): void {
    if (!this.nextKeyIs(key)) throw new NonCanonicalError(`expected key "${key}" at byte ${this.position}`);
  }

  uint(): bigint {
    const at = this.position;
    const tag = this.byte();
    let value: bigint;
    if (tag <= Number(FIXINT_MAX)) return BigInt(tag);
    if (tag === UINT8) value = BigInt(this.take(1)[0]!);
    else if (tag === UINT16) value = BigInt(this.take(2).readUInt16BE(0));
    else if (tag === UINT32) value = BigInt(this.take(4).readUInt32BE(0));
    else if (tag === UINT64) value = this.take(8).readBigUInt64BE(0);
    else throw new NonCanonicalError(`expected an unsigned integer at byte ${at}, found 0x${hex(tag)}`);
    if (uintBytes(value) !== this.position - at)
      throw new NonCanonicalError(`integer ${value} at byte ${at} is not in its shortest form`);
    return value;
  }

  /** A view into the record (no copy). */
  bin(): Buffer {
    const at = this.position;
    const tag = this.byte();
    let length: number;
    if (tag === BIN8) length = this.take(1)[0]!;
    else if (tag === BIN16) length = this.take(2).readUInt16BE(0);
    else if (tag === BIN32) length = this.take(4).readUInt32BE(0);
    else throw new NonCanonicalError(`expected bytes at byte ${at}, found 0x${hex(tag)}`);
    if (binBytes(length) - length !== this.position - at)
      throw new NonCanonicalError(`length ${length} at byte ${at} is not in its shortest form`);
    return this.take(length);
  }

  binOf(length: number, what: string): Buffer {
    const value = this.bin();
    if (value.length !== length)
      throw new NonCanonicalError(`${what} must be ${length} bytes, found ${value.length}`);
    return value;
  }

  end(): void {
    if (this.position !== this.view.length)
      throw new NonCanonicalError(`${this.view.length - this.position} trailing bytes`);
  }

  private byte(): number {
    if (this.position >= this.view.length) throw new NonCanonicalError('record ends early');
    return this.view[this.position++]!;
  }

  private take(length: number): Buffer {
    const end = this.position + length;
    if (end > this.view.length) throw new NonCanonicalError('record ends early');
    const slice = this.view.subarray(this.position, end);
    this.position = end;
    return slice;
  }
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

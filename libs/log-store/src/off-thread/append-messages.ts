/**
 * The messages between the OffThreadAppender and its thread. A batch travels as a few typed arrays
 * over buffers that are transferred, not copied: the bodies packed end to end, their ends, heights,
 * and the state hashes of block entries; it comes back as the stored envelopes packed the same way
 * (each ends with its entry's hash).
 */
export interface AppendRequest {
  readonly kind: 'append';
  readonly id: number;
  readonly heights: BigUint64Array;
  /** Exclusive end of each body in `bodies`. */
  readonly bodyEnds: Uint32Array;
  readonly bodies: Uint8Array;
  /** 1 where the entry has a state hash; the hashes are packed in `stateHashes` in entry order. */
  readonly hasStateHash: Uint8Array;
  readonly stateHashes: Uint8Array;
  readonly snapshot: Uint8Array | undefined;
}

export interface CloseRequest {
  readonly kind: 'close';
}

export type AppenderRequest = AppendRequest | CloseRequest;

export interface AppendDone {
  readonly kind: 'appended';
  readonly id: number;
  readonly firstSeq: bigint;
  /** Exclusive end of each stored envelope in `envelopes`. */
  readonly envelopeEnds: Uint32Array;
  readonly envelopes: Uint8Array;
}

/** An Error does not cross threads whole: its name, code and message do. */
export interface ThreadError {
  readonly name: string;
  readonly code: string | undefined;
  readonly message: string;
}

export interface AppendFailed {
  readonly kind: 'failed';
  readonly id: number;
  readonly error: ThreadError;
}

export type AppenderReply =
  | AppendDone
  | AppendFailed
  | { readonly kind: 'ready' }
  | { readonly kind: 'startFailed'; readonly error: ThreadError }
  | { readonly kind: 'closed' };

export function threadError(error: unknown): ThreadError {
  if (!(error instanceof Error)) return { name: 'Error', code: undefined, message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, code: typeof code === 'string' ? code : undefined, message: error.message };
}

/** Packs byte arrays end to end into one fresh buffer (to transfer), with their exclusive ends. */
export function packBytes(parts: readonly Uint8Array[]): { bytes: Uint8Array; ends: Uint32Array } {
  let total = 0;
  for (const part of parts) total += part.byteLength;
  const bytes = new Uint8Array(total);
  const ends = new Uint32Array(parts.length);
  let offset = 0;
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i] as Uint8Array;
    bytes.set(part, offset);
    offset += part.byteLength;
    ends[i] = offset;
  }
  return { bytes, ends };
}

/** The `index`th of the parts `packBytes` packed, as a view. */
export function packedPart(bytes: Uint8Array, ends: Uint32Array, index: number): Uint8Array {
  const start = index === 0 ? 0 : (ends[index - 1] as number);
  return bytes.subarray(start, ends[index] as number);
}

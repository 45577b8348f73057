/**
 * Every number the log store is bounded by, named once. Sizes in bytes, counts in entries, times in
 * milliseconds; the unit is the last word of the name.
 */

/** Version of the on-disk layout (databases, keys, meta records). Stored in `meta`; a mismatch refuses to open. */
export const LOG_FORMAT_VERSION = 1;

/** Version of the entry envelope (`v` in every entry). Old versions are upcast on read, never rewritten. */
export const ENTRY_ENVELOPE_VERSION = 1;

/** Version of the snapshot record (`v` in every snapshot). */
export const SNAPSHOT_RECORD_VERSION = 1;

/** The first sequence number of a log. Seq 0 never exists: it means "nothing yet". */
export const SEQ_FIRST = 1n;

/** Sequence numbers and heights are unsigned 64-bit: the key is 8 bytes big-endian. */
export const UINT64_MAX = (1n << 64n) - 1n;

/** sha256: the entry hash, the previous hash, the state hash and the genesis hash. */
export const HASH_BYTES = 32;

/** Key width of the `entries` and `snapshots` databases (a big-endian uint64). */
export const UINT64_KEY_BYTES = 8;

/** At most this many entries in one `appendBatch` (one LMDB transaction). */
export const APPEND_BATCH_ENTRIES_MAX = 16_384;

/** At most this many body bytes in one `appendBatch`, so one transaction stays a bounded write. */
export const APPEND_BATCH_BYTES_MAX = 64 * 1024 * 1024;

/** One entry body (the encoded command and its events) is at most this big. */
export const ENTRY_BODY_BYTES_MAX = 4 * 1024 * 1024;

/** One snapshot (the encoded node state) is at most this big. */
export const SNAPSHOT_BYTES_MAX = 512 * 1024 * 1024;

/** Snapshots kept: older ones are deleted in the transaction that writes a new one. */
export const SNAPSHOTS_RETAINED_DEFAULT = 16;
export const SNAPSHOTS_RETAINED_MAX = 1024;

/** Reads (`readRange`, `tail`, `verifyChain`) fetch at most this many entries per read transaction. */
export const READ_CHUNK_ENTRIES = 1024;

/** `tail` polls the file at this interval when nothing new was found (other processes give no signal). */
export const TAIL_POLL_INTERVAL_MS_DEFAULT = 10;
export const TAIL_POLL_INTERVAL_MS_MIN = 1;
export const TAIL_POLL_INTERVAL_MS_MAX = 1000;

/**
 * Initial LMDB map size. Only address space is reserved (without `useWritemap` the file grows as
 * pages are written); lmdb-js doubles the map by itself, in the writer and in readers, if a log ever
 * outgrows it, so this only makes such remaps rare.
 */
export const LOG_MAP_SIZE_BYTES = 64 * 1024 * 1024 * 1024;

/** LMDB reader slots: the engine, a few ledgers and tools reading the same file. */
export const LOG_READERS_MAX = 126;

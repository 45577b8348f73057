/**
 * Idempotent swaps: where the outcome of every swap request is in the log, by trader and request id,
 * so a retry is answered with the original outcome instead of being applied twice. Rebuilt from the
 * log on start, so it is as durable as the log. Bounded: the most recent `OUTCOMES_RETAINED_MAX`
 * requests are kept (oldest first out, in log order, so the window is the same after every restart);
 * a retry of a request older than that is applied again (docs/protocol.md).
 *
 * The index holds only the seq of the entry that recorded the outcome, a small integer: a retry, which
 * is rare, reads that entry back from the log and answers with the reply its event encodes to, the
 * very bytes first sent. Keeping the reply bytes themselves (about 600 bytes a swap) made a million
 * retained outcomes over half a gigabyte of heap, and every major collection paused the engine for
 * longer as the window filled (docs/decisions/0004-engine-loop.md).
 *
 * Nor does it keep the requests' ids: it is keyed by a 32-bit hash of trader and request id, a small
 * integer V8 stores inline, and a hit is confirmed against the request the entry at that seq records
 * (`RecordedRequests`). Keyed by the ids themselves, every swap left two strings (its id and the
 * joined key) that lived for a million swaps: the engine's largest source of promoted objects, and
 * a string hash computed per lookup (decision 0014). Two requests whose hashes collide are told
 * apart by that confirmation; the later one is kept under its full key in a small second map.
 */
import { decodeLogBody, type SwapExecuted, type SwapRejected } from '@marketnode/events';
import type { LogReader } from '@marketnode/log-store';

export const OUTCOMES_RETAINED_MAX = 1_000_000;

export type SwapOutcomeEvent = SwapExecuted | SwapRejected;

/** Who sent a swap request, and its id: what idempotency is keyed by. */
export interface RequestKey {
  readonly trader: string;
  readonly requestId: string;
}

/** The request whose outcome the entry at `seq` records (in the log, or in a batch not yet durable). */
export interface RecordedRequests {
  requestAt(seq: bigint): RequestKey;
}

export type RequestHash = (trader: string, requestId: string) => number;

export class OutcomeIndex {
  /** The window in log order, oldest at `oldest`: each request's hash and seq, a ring. */
  private readonly windowHashes: number[];
  private readonly windowSeqs: number[];
  private oldest = 0;
  private count = 0;
  /** Request hash -> seq, open addressing with linear probing; a seq of 0 marks an empty slot. */
  private readonly seqsByHash: HashSeqTable;
  /** Requests whose hash an earlier request in the window already had: full key -> seq. */
  private readonly collidedSeqs = new Map<string, number>();
  /** The keys of `collidedSeqs` in log order, from `collidedOldest`. */
  private collidedKeys: string[] = [];
  private collidedOldest = 0;
  /** The last request hashed: a swap is looked up, then recorded, and is hashed once for both. */
  private hashedTrader = '';
  private hashedRequestId = '';
  private lastHash = 0;

  constructor(
    private readonly retainedMax = OUTCOMES_RETAINED_MAX,
    private readonly hash: RequestHash = requestHash,
  ) {
    if (!Number.isSafeInteger(retainedMax) || retainedMax < 1)
      throw new Error(`assertion failed: a window of ${retainedMax} requests`);
    this.windowHashes = zeros(retainedMax);
    this.windowSeqs = zeros(retainedMax);
    this.seqsByHash = new HashSeqTable(retainedMax);
  }

  get size(): number {
    return this.count;
  }

  /** The seq of the entry holding the outcome of this request, if it is in the window. */
  find(trader: string, requestId: string, recorded: RecordedRequests): bigint | undefined {
    const seq = this.seqsByHash.get(this.hashOf(trader, requestId));
    if (seq !== 0) {
      const request = recorded.requestAt(BigInt(seq));
      if (request.trader === trader && request.requestId === requestId) return BigInt(seq);
    }
    if (this.collidedSeqs.size === 0) return undefined;
    const collided = this.collidedSeqs.get(fullKey(trader, requestId));
    return collided === undefined ? undefined : BigInt(collided);
  }

  /**
   * Records a request that is not in the window (`find` missed it, or recovery replays the log in
   * the order the engine recorded it), with the seq of the entry holding its outcome.
   */
  record(trader: string, requestId: string, seq: bigint): void {
    if (seq < 1n || seq > BigInt(Number.MAX_SAFE_INTEGER))
      throw new Error(`assertion failed: seq ${seq} is not in 1..2^53`);
    if (this.count === this.retainedMax) this.evictOldest();
    const hash = this.hashOf(trader, requestId);
    const seqNumber = Number(seq);
    if (this.seqsByHash.get(hash) === 0) {
      this.seqsByHash.set(hash, seqNumber);
    } else {
      const key = fullKey(trader, requestId);
      this.collidedSeqs.set(key, seqNumber);
      this.collidedKeys.push(key);
    }
    const newest = (this.oldest + this.count) % this.retainedMax;
    this.windowHashes[newest] = hash;
    this.windowSeqs[newest] = seqNumber;
    this.count += 1;
  }

  private hashOf(trader: string, requestId: string): number {
    if (trader !== this.hashedTrader || requestId !== this.hashedRequestId) {
      this.hashedTrader = trader;
      this.hashedRequestId = requestId;
      this.lastHash = this.hash(trader, requestId);
    }
    return this.lastHash;
  }

  private evictOldest(): void {
    const hash = this.windowHashes[this.oldest] as number;
    const seq = this.windowSeqs[this.oldest] as number;
    this.oldest = (this.oldest + 1) % this.retainedMax;
    this.count -= 1;
    if (this.seqsByHash.get(hash) === seq) {
      this.seqsByHash.delete(hash);
      return;
    }
    // Not under its hash, so it collided; collided requests leave in log order too.
    const key = this.collidedKeys[this.collidedOldest];
    if (key === undefined || this.collidedSeqs.get(key) !== seq)
      throw new Error(`assertion failed: the oldest request (seq ${seq}) is not where it was recorded`);
    this.collidedSeqs.delete(key);
    this.collidedOldest += 1;
    if (this.collidedOldest * 2 > this.collidedKeys.length) {
      this.collidedKeys = this.collidedKeys.slice(this.collidedOldest);
      this.collidedOldest = 0;
    }
  }
}

/**
 * int32 -> positive safe integer, in arrays of unboxed doubles (`zeros`): nothing for the collector
 * to trace, and no iteration (a Map evicted oldest-first through `keys().next()` walks every deleted
 * slot since its last rehash: 146 us an eviction with a million entries, `bench:window`). Linear
 * probing, at most half full; deletion shifts the cluster back, so no tombstones.
 */
class HashSeqTable {
  private readonly hashes: number[];
  private readonly seqs: number[];
  private readonly mask: number;

  constructor(entriesMax: number) {
    let capacity = 2;
    while (capacity < entriesMax * 2) capacity *= 2;
    this.hashes = zeros(capacity);
    this.seqs = zeros(capacity);
    this.mask = capacity - 1;
  }

  /** The seq stored under `hash`, or 0. */
  get(hash: number): number {
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const seq = this.seqs[slot] as number;
      if (seq === 0 || this.hashes[slot] === hash) return seq;
    }
  }

  /** Stores under a hash that is not in the table. */
  set(hash: number, seq: number): void {
    let slot = hash & this.mask;
    while (this.seqs[slot] !== 0) slot = (slot + 1) & this.mask;
    this.hashes[slot] = hash;
    this.seqs[slot] = seq;
  }

  /** Removes a hash that is in the table. */
  delete(hash: number): void {
    let hole = hash & this.mask;
    while (this.seqs[hole] !== 0 && this.hashes[hole] !== hash) hole = (hole + 1) & this.mask;
    if (this.seqs[hole] === 0) throw new Error(`assertion failed: hash ${hash} is not in the table`);
    // Move back every later entry of the cluster whose home slot is not between the hole and it.
    for (let slot = (hole + 1) & this.mask; this.seqs[slot] !== 0; slot = (slot + 1) & this.mask) {
      const home = (this.hashes[slot] as number) & this.mask;
      const homeAfterHole = hole <= slot ? home > hole && home <= slot : home > hole || home <= slot;
      if (homeAfterHole) continue;
      this.hashes[hole] = this.hashes[slot] as number;
      this.seqs[hole] = this.seqs[slot] as number;
      hole = slot;
    }
    this.seqs[hole] = 0;
  }
}

/**
 * `length` zeros in a JavaScript array of unboxed doubles. It lives on the JavaScript heap, where the
 * collector never looks inside it (it holds no pointers) and V8 sizes its limits by it. A typed array
 * of the same numbers counts as external memory instead, which V8 adds to the heap when it decides on
 * a full collection without raising the limit for it: the window's 36 MB of typed arrays made the
 * engine run one every 100-300 ms.
 */
function zeros(length: number): number[] {
  // A double first, so the array's elements are doubles (an array of small integers is scanned).
  return new Array<number>(length).fill(0.5).fill(0);
}

/** Identities and request ids never contain a NUL, so the pair is unambiguous. */
function fullKey(trader: string, requestId: string): string {
  return `${trader}\u0000${requestId}`;
}

/**
 * FNV-1a over the UTF-16 code units of trader, a NUL, and request id, then murmur3's finalizer to
 * spread the bits; as an int32, which V8 keeps unboxed. Not a defence against chosen collisions: a
 * collision costs one read of an entry, never a wrong answer.
 */
export function requestHash(trader: string, requestId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < trader.length; i += 1) hash = Math.imul(hash ^ trader.charCodeAt(i), 0x01000193);
  hash = Math.imul(hash, 0x01000193); // the NUL between the two
  for (let i = 0; i < requestId.length; i += 1) hash = Math.imul(hash ^ requestId.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

/**
 * The outcome recorded at `seq`, read back from the log. The entry must be there and be a swap's:
 * the index only names entries the engine itself appended, and a retry is answered only after its
 * own batch, which follows the original's, is durable.
 */
export function loggedSwapOutcome(log: LogReader, seq: bigint): SwapOutcomeEvent {
  const entry = log.entryAt(seq);
  if (entry === undefined)
    throw new Error(`assertion failed: the outcome index names seq ${seq}, not in the log`);
  return swapOutcomeOfBody(entry.body, seq);
}

/** The swap outcome a log body records; `seq` names it in the assertion. */
export function swapOutcomeOfBody(body: Uint8Array, seq: bigint): SwapOutcomeEvent {
  const outcome = decodeLogBody(body).events[0];
  if (outcome?.type !== 'SwapExecuted' && outcome?.type !== 'SwapRejected')
    throw new Error(`assertion failed: the outcome index names seq ${seq}, which is not a swap`);
  return outcome;
}

/**
 * The ceiling of bench:engine: the least work any engine must do for a swap, as a process of its own
 * (DESIGN.md's "throwaway prototype": NATS in, bigint math, LMDB batch commit, reply). For each swap:
 * the request read from its bytes, the core's swap handler (`executeSwap`, bench:core's market), one
 * log entry of the engine's body size chained by SHA-256 to the one before; per batch, one durable
 * LMDB transaction with the log's own options (lmdb-js's write thread, which batches one event turn's
 * puts into one transaction and resolves them once synced); then a reply of the engine's size.
 *
 * What it leaves out is everything else issue 3 asks of the engine: no events, no encoding of an
 * outcome, no idempotency, no snapshots, no committed stream, no blocks. Any engine that does the
 * whole job does at least this much per swap, so its rate under the same load generator, server and
 * machine is a ceiling for the engine's (decision 0013).
 *
 * Configured by environment like the engine's child (services/market-engine/test/fixtures/engine-child.ts):
 * prints `ready 0 0` once subscribed, stops on SIGTERM after its last commit.
 */
import { hash } from 'node:crypto';
import { join } from 'node:path';
import { open } from 'lmdb';
import type { Msg } from '@nats-io/transport-node';
import { readSwapRequestBytes } from '@marketnode/events';
import { lmdbOptions } from '@marketnode/log-store';
import { executeSwap } from '@marketnode/market';
import { closeNats, connectNats } from '@marketnode/nats-kit';
import { uint64Key } from '../../libs/log-store/src/uint64-key.js';
import { freshMarket } from '../core/swap-workload.js';
import { replyOfSize } from './reply-of-size.js';

/** As the engine: at most this many swaps a batch, two batches committing at once. */
const BATCH_SWAPS_MAX = 2_000;
const COMMITS_IN_FLIGHT_MAX = 2;
const HASH_BYTES = 32;

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`minimal-engine-child needs ${name}`);
  return value;
};

const root = open<Buffer, Buffer>(lmdbOptions(join(env('ENGINE_DATA_DIR'), 'minimal'), false));
const entries = root.openDB<Buffer, Buffer>({ name: 'entries', encoding: 'binary', keyEncoding: 'binary' });
const reply = replyOfSize(Number(env('MINIMAL_REPLY_BYTES')));
// One entry buffer reused: the previous hash, then filler up to the engine's body size. lmdb-js copies
// a value when it is put, so the next entry may overwrite it.
const entry = Buffer.alloc(HASH_BYTES + Number(env('MINIMAL_BODY_BYTES')), 0x62);
// bench:core's market (May-2022 parameters, traders with ample balances): the bench's two traders
// trade as trader0 and trader1.
const market = freshMarket();
const traderOf = (subject: string): string => (subject.endsWith('alice') ? 'trader0' : 'trader1');

let seq = 0n;
let queued: Msg[] = [];
let committing = 0;
let scheduled = false;
let stopping = false;
const commits = new Set<Promise<void>>();

const nc = await connectNats({ servers: env('ENGINE_NATS_URL'), name: 'bench-minimal-engine' });
nc.subscribe('market.swap.*', {
  callback: (error, msg) => {
    if (error === null) queued.push(msg);
    schedule();
  },
});
await nc.flush();
process.stdout.write('ready 0 0\n');

function schedule(): void {
  if (scheduled || stopping || committing >= COMMITS_IN_FLIGHT_MAX || queued.length === 0) return;
  scheduled = true;
  setImmediate(applyBatch);
}

function applyBatch(): void {
  scheduled = false;
  const batch = queued.length <= BATCH_SWAPS_MAX ? queued : queued.slice(0, BATCH_SWAPS_MAX);
  queued = batch === queued ? [] : queued.slice(BATCH_SWAPS_MAX);
  let durable: Promise<boolean> | undefined;
  for (const msg of batch) {
    const request = readSwapRequestBytes(msg.data);
    if (request === undefined) throw new Error(`minimal-engine-child: not a bench swap on ${msg.subject}`);
    const trader = traderOf(msg.subject);
    const offer = { denom: request.offer.denom, amount: BigInt(request.offer.amount) };
    const swapped = executeSwap(market, { trader, receiver: trader, offer, askDenom: request.askDenom });
    // The bench's swaps all execute; a rejection would skip part of the math and flatter the ceiling.
    if (!swapped.ok)
      throw new Error(`minimal-engine-child: a bench swap was rejected: ${swapped.error.code}`);
    seq += 1n;
    durable = entries.put(uint64Key(seq), entry);
    hash('sha256', entry, 'buffer').copy(entry);
  }
  committing++;
  const commit = (durable ?? Promise.resolve(true)).then(() => {
    committing--;
    for (const msg of batch) msg.respond(reply);
    schedule();
  });
  commits.add(commit);
  void commit.finally(() => commits.delete(commit));
  schedule();
}

process.once('SIGTERM', () => {
  stopping = true;
  void Promise.all(commits)
    .then(() => closeNats(nc))
    .then(() => root.close())
    .then(() => process.exit(0));
});

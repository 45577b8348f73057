/**
 * The stored shape of each projection record, and the conversions. Amounts are decimal strings and
 * `Dec` values canonical 18-decimal strings (lmdb-js's msgpack would turn a large bigint into a
 * lossy number). Every record names the seq and height of the entry that last wrote it, so an audit
 * that finds a stored record differing from a rebuild can say where it went wrong.
 */
import * as dec from '@marketnode/dec';
import type { BlockAggregate, DirectionVolume } from '../projection/block-aggregate.js';
import type { RatesRecord } from '../projection/rates-record.js';

/** Seqs and heights in keys: zero-padded to 20 digits (a uint64), so keys sort numerically. */
export function numberKey(value: bigint): string {
  return value.toString().padStart(20, '0');
}

export interface WrittenAt {
  readonly seq: string;
  readonly height: string;
}

export interface StoredBalance extends WrittenAt {
  readonly amount: string;
}

export interface StoredSupply extends WrittenAt {
  readonly genesis: string;
  readonly minted: string;
  readonly burned: string;
}

export interface StoredPool extends WrittenAt {
  readonly delta: string;
}

export interface StoredReserveFlow extends WrittenAt {
  readonly genesis: string;
  readonly inflow: string;
  readonly outflow: string;
}

export interface StoredCheckpoint {
  readonly seq: string;
  readonly height: string;
  /** Hex of the last applied entry's hash: the next entry must name it as its prevHash. */
  readonly hash: string;
}

export interface StoredDirection {
  readonly offerDenom: string;
  readonly askDenom: string;
  readonly venue: string;
  readonly swaps: number;
  readonly offered: string;
  readonly paid: string;
  readonly fees: string;
  readonly spreadMin: string;
  readonly spreadMax: string;
}

export interface StoredBlock extends WrittenAt {
  readonly timeMs: string | null;
  readonly firstSeq: string;
  readonly swapsExecuted: number;
  readonly swapsRejected: number;
  readonly oracleMessages: number;
  readonly oracleRejected: number;
  readonly directions: StoredDirection[];
  readonly minted: Record<string, string>;
  readonly burned: Record<string, string>;
  readonly reserveIn: Record<string, string>;
  readonly reserveOut: Record<string, string>;
}

export interface StoredRates extends WrittenAt {
  readonly referenceTerra: string;
  readonly exchangeRates: Record<string, string>;
  readonly rateFailures: Record<string, string>;
}

export function writtenAt(seq: bigint, height: bigint): WrittenAt {
  return { seq: seq.toString(), height: height.toString() };
}

function amountsRecord(amounts: ReadonlyMap<string, bigint>): Record<string, string> {
  const record: Record<string, string> = {};
  for (const denom of [...amounts.keys()].sort()) record[denom] = String(amounts.get(denom));
  return record;
}

function amountsMap(record: Readonly<Record<string, string>>): Map<string, bigint> {
  return new Map(Object.entries(record).map(([denom, amount]) => [denom, BigInt(amount)]));
}

export function storedBlock(block: BlockAggregate): StoredBlock {
  const directions = [...block.directions.keys()].sort().map((key): StoredDirection => {
    const volume = block.directions.get(key) as DirectionVolume;
    return {
      offerDenom: volume.offerDenom,
      askDenom: volume.askDenom,
      venue: volume.venue,
      swaps: volume.swaps,
      offered: String(volume.offered),
      paid: String(volume.paid),
      fees: String(volume.fees),
      spreadMin: dec.format(volume.spreadMin),
      spreadMax: dec.format(volume.spreadMax),
    };
  });
  return {
    ...writtenAt(block.lastSeq, block.height),
    timeMs: block.timeMs === undefined ? null : String(block.timeMs),
    firstSeq: String(block.firstSeq),
    swapsExecuted: block.swapsExecuted,
    swapsRejected: block.swapsRejected,
    oracleMessages: block.oracleMessages,
    oracleRejected: block.oracleRejected,
    directions,
    minted: amountsRecord(block.minted),
    burned: amountsRecord(block.burned),
    reserveIn: amountsRecord(block.reserveIn),
    reserveOut: amountsRecord(block.reserveOut),
  };
}

export function blockFromStored(stored: StoredBlock): BlockAggregate {
  const directions = new Map<string, DirectionVolume>();
  for (const d of stored.directions)
    directions.set(`${d.offerDenom}>${d.askDenom}`, {
      offerDenom: d.offerDenom,
      askDenom: d.askDenom,
      venue: d.venue,
      swaps: d.swaps,
      offered: BigInt(d.offered),
      paid: BigInt(d.paid),
      fees: BigInt(d.fees),
      spreadMin: dec.parse(d.spreadMin),
      spreadMax: dec.parse(d.spreadMax),
    });
  return {
    height: BigInt(stored.height),
    timeMs: stored.timeMs === null ? undefined : BigInt(stored.timeMs),
    firstSeq: BigInt(stored.firstSeq),
    lastSeq: BigInt(stored.seq),
    swapsExecuted: stored.swapsExecuted,
    swapsRejected: stored.swapsRejected,
    oracleMessages: stored.oracleMessages,
    oracleRejected: stored.oracleRejected,
    directions,
    minted: amountsMap(stored.minted),
    burned: amountsMap(stored.burned),
    reserveIn: amountsMap(stored.reserveIn),
    reserveOut: amountsMap(stored.reserveOut),
  };
}

export function storedRates(rates: RatesRecord): StoredRates {
  const exchangeRates: Record<string, string> = {};
  for (const { denom, exchangeRate } of rates.exchangeRates) exchangeRates[denom] = dec.format(exchangeRate);
  const rateFailures: Record<string, string> = {};
  for (const { denom, reason } of rates.rateFailures) rateFailures[denom] = reason;
  return {
    ...writtenAt(rates.seq, rates.height),
    referenceTerra: rates.referenceTerra,
    exchangeRates,
    rateFailures,
  };
}

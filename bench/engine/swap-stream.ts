/**
 * The swaps the benchmark sends: terra1alice and terra1bob from the demo genesis, UST→LUNA and
 * LUNA→UST alternating, amounts small enough that their balances last for millions of swaps, and a
 * request id that is unique within the run (the engine answers a repeated id from memory, which would
 * measure the retry path instead of a swap).
 */
import { decodeReply, encodePayload } from '@marketnode/nats-kit';

export const TRADERS = ['terra1alice', 'terra1bob'] as const;
/** 1 UST buys about 0.0125 LUNA at the demo rates; 0.01 LUNA buys about 0.8 UST. */
export const UST_OFFER_MICRO = 1_000_000n;
export const LUNA_OFFER_MICRO = 10_000n;
export const ENGINE_BUSY_CODE = 'ENGINE_ERR_BUSY';

export interface SwapRequestShape {
  readonly trader: string;
  readonly requestId: string;
  readonly offer: { readonly denom: string; readonly amount: bigint };
  readonly askDenom: string;
}

/** Base-36 digits of a request's index in its id: 36^8, about 2.8e12 requests a run. */
const INDEX_DIGITS = 8;
/** Requests repeat their trader and direction with this period. */
const SHAPES = TRADERS.length * 2;
const REQUEST_SLAB_BYTES = 64 * 1024;

/** The request number `index` of a run tagged `runTag` (ids stay unique across runs on one log). */
export function swapRequest(runTag: string, index: number): SwapRequestShape {
  const trader = TRADERS[index % TRADERS.length] as string;
  const ustToLuna = Math.floor(index / TRADERS.length) % 2 === 0;
  return {
    trader,
    requestId: `${runTag}-${indexDigits(index)}`,
    offer: ustToLuna
      ? { denom: 'uusd', amount: UST_OFFER_MICRO }
      : { denom: 'uluna', amount: LUNA_OFFER_MICRO },
    askDenom: ustToLuna ? 'uluna' : 'uusd',
  };
}

/** Subject and payload, encoded once per request as a real client would. */
export function encodeSwapRequest(request: SwapRequestShape): { subject: string; data: Uint8Array } {
  const { requestId, offer, askDenom } = request;
  return { subject: `market.swap.${request.trader}`, data: encodePayload({ requestId, offer, askDenom }) };
}

/**
 * The same bytes as `encodeSwapRequest(swapRequest(runTag, index))`, for a fraction of the load
 * generator's CPU: requests differ only in their id, whose index digits have a fixed width, so each
 * is a copy of its trader and direction's encoded template with those digits written in. The load
 * generator shares the engine's two cores; what it spends encoding is taken from the engine. The
 * constructor checks the copies against the encoder and throws if they ever differ.
 */
export class SwapRequestStream {
  private readonly templates: { subject: string; bytes: Uint8Array; digitsAt: number }[] = [];
  /** Requests are cut from a shared slab: a buffer of its own per request would cost more than its copy. */
  private slab = new ArrayBuffer(REQUEST_SLAB_BYTES);
  private slabOffset = 0;

  constructor(private readonly runTag: string) {
    for (let shape = 0; shape < SHAPES; shape++) {
      const request = swapRequest(runTag, shape);
      const { subject, data } = encodeSwapRequest(request);
      const idAt = Buffer.from(data).indexOf(request.requestId, 0, 'latin1');
      if (idAt < 0) throw new Error('assertion failed: the request id is not in its encoded request');
      this.templates.push({ subject, bytes: data, digitsAt: idAt + request.requestId.length - INDEX_DIGITS });
    }
    for (const index of [0, 1, 2, 3, 35, 36 ** 3 + 5, 36 ** INDEX_DIGITS - 1]) {
      const expected = encodeSwapRequest(swapRequest(runTag, index));
      const actual = this.request(index);
      if (actual.subject !== expected.subject || !Buffer.from(actual.data).equals(expected.data))
        throw new Error(`assertion failed: request ${index} of the template differs from its encoding`);
    }
  }

  request(index: number): { subject: string; data: Uint8Array } {
    const template = this.templates[index % SHAPES];
    if (template === undefined || index >= 36 ** INDEX_DIGITS)
      throw new RangeError(`request ${index} of run ${this.runTag} is out of range`);
    const data = this.bytesLike(template.bytes);
    const digits = indexDigits(index);
    for (let i = 0; i < INDEX_DIGITS; i++) data[template.digitsAt + i] = digits.charCodeAt(i);
    return { subject: template.subject, data };
  }

  /** A fresh copy of `template` cut from the slab; a full slab is replaced, never rewound. */
  private bytesLike(template: Uint8Array): Uint8Array {
    if (this.slabOffset + template.byteLength > REQUEST_SLAB_BYTES) {
      this.slab = new ArrayBuffer(REQUEST_SLAB_BYTES);
      this.slabOffset = 0;
    }
    const bytes = new Uint8Array(this.slab, this.slabOffset, template.byteLength);
    bytes.set(template);
    this.slabOffset += template.byteLength;
    return bytes;
  }
}

function indexDigits(index: number): string {
  return index.toString(36).padStart(INDEX_DIGITS, '0');
}

export type ReplyKind = 'ok' | 'rejected' | 'busy';

// `encodeReply({ ok: true, value })` starts with a 2-entry fixmap and the fixstr key "ok" = true.
const OK_PREFIX = [0x82, 0xa2, 0x6f, 0x6b, 0xc3] as const;

/**
 * Classifies a reply without decoding the whole event (the client would otherwise spend more CPU
 * decoding replies than the engine spends on the swap). Only error replies are decoded, for their code.
 */
export function classifyReply(data: Uint8Array, onRejected: (code: string) => void): ReplyKind {
  if (OK_PREFIX.every((byte, i) => data[i] === byte)) return 'ok';
  const reply = decodeReply(data);
  if (reply.ok) return 'ok';
  if (reply.error.code === ENGINE_BUSY_CODE) return 'busy';
  onRejected(reply.error.code);
  return 'rejected';
}

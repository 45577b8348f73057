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

/** The request number `index` of a run tagged `runTag` (ids stay unique across runs on one log). */
export function swapRequest(runTag: string, index: number): SwapRequestShape {
  const trader = TRADERS[index % TRADERS.length] as string;
  const ustToLuna = Math.floor(index / TRADERS.length) % 2 === 0;
  return {
    trader,
    requestId: `${runTag}-${index.toString(36)}`,
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

/**
 * Replies of the engine's size for the responders that stand in for it (the latency floor, the
 * minimal engine): valid ok replies, so the load generator counts them as it counts the engine's.
 */
import { encodeReply, okReply } from '@marketnode/nats-kit';

/** A valid `{ ok: true, value: <bin> }` reply of exactly `bytes` bytes (the engine's mean reply). */
export function replyOfSize(bytes: number): Uint8Array {
  const overhead = encodeReply(okReply(new Uint8Array(0))).byteLength;
  let padding = Math.max(0, bytes - overhead);
  // The bin header grows from 2 to 3 bytes past 255 bytes of padding: settle on the exact size.
  for (let attempt = 0; attempt < 3; attempt++) {
    const length = encodeReply(okReply(new Uint8Array(padding))).byteLength;
    if (length === bytes) break;
    padding = Math.max(0, padding + bytes - length);
  }
  return encodeReply(okReply(new Uint8Array(padding)));
}

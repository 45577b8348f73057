/**
 * One typed round trip: encode a value, send it through the shared inbox, decode the wire reply.
 * Transport failures (timeout, no responders, closed, too large) reject with the kit's error classes;
 * whatever the responder answered, business rejections included, resolves as a `WireReply`.
 */
import { encodePayload, type PayloadLimit } from './codec.js';
import type { SharedInboxRequester } from './shared-inbox-requester.js';
import { decodeReply, type WireReply } from './wire-reply.js';

export async function requestWire(
  requester: SharedInboxRequester,
  options: { readonly subject: string; readonly value: unknown } & PayloadLimit,
): Promise<WireReply<unknown>> {
  const limit = options.bytesMax === undefined ? {} : { bytesMax: options.bytesMax };
  const msg = await requester.request(options.subject, encodePayload(options.value, limit));
  return decodeReply(msg.data, limit);
}

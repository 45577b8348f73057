/**
 * The latency floor of the open loop on this machine: the same load generator, nats-server and
 * schedule, against a responder that does no work (a worker thread answering every swap at once
 * with a reply of the engine's size). Whatever p99 this shows, no engine behind the same client and
 * server can beat; the engine's own p99 is printed beside it.
 */
import { encodeReply, okReply, startEchoResponder } from '@marketnode/nats-kit';
import { driveThroughClient, type EnginePhaseOptions } from './engine-phase.js';
import { runOpenLoop, type OpenLoopResult } from './open-loop.js';

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

export async function measureLatencyFloor(options: {
  readonly phase: EnginePhaseOptions;
  readonly replyBytes: number;
  readonly ratePerSecond: number;
  readonly warmupMs: number;
  readonly measureMs: number;
}): Promise<OpenLoopResult> {
  const responder = await startEchoResponder({
    servers: options.phase.natsUrl,
    subject: 'market.swap.*',
    reply: replyOfSize(options.replyBytes),
  });
  try {
    return await driveThroughClient(options.phase, (requester) =>
      runOpenLoop({
        requester,
        runTag: 'floor',
        ratePerSecond: options.ratePerSecond,
        warmupMs: options.warmupMs,
        measureMs: options.measureMs,
      }),
    );
  } finally {
    await responder.stop();
  }
}

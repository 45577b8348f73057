/**
 * The latency floor of the open loop on this machine: the same load generator, nats-server and
 * schedule, against a responder that does no work (a worker thread answering every swap at once
 * with a reply of the engine's size). Whatever p99 this shows, no engine behind the same client and
 * server can beat; the engine's own p99 is printed beside it.
 */
import { startEchoResponder } from '@marketnode/nats-kit';
import { driveThroughClient, type EnginePhaseOptions } from './engine-phase.js';
import { runOpenLoop, type OpenLoopResult } from './open-loop.js';
import { replyOfSize } from './reply-of-size.js';

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

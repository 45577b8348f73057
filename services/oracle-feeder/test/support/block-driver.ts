/**
 * Drives blocks for the feeder tests: tick the engine (`--external-ticks`), then wait until every
 * feeder has acted on the new block and every message it sent has its result, so the next tick
 * starts from a quiet wire. Waits poll a condition under a generous bound; nothing sleeps a fixed time.
 */
import type { EngineFixture } from '../../../market-engine/test/support/engine-fixture.js';
import type { RunningFeeder } from '../../src/service/feeder.js';
import type { OracleWireRecorder } from './oracle-wire-recorder.js';

export const WAIT_TIMEOUT_MS = 20_000;
const POLL_MS = 10;

export async function waitFor(
  what: string,
  condition: () => boolean,
  timeoutMs = WAIT_TIMEOUT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The engine's open block (the one the next tick ends), before any tick. */
export async function openHeight(fixture: EngineFixture): Promise<bigint> {
  const reply = await fixture.request('market.query.rates', {});
  if (!reply.ok) throw new Error(`rates query refused: ${reply.error.code}`);
  // Queries answer at the open block's height (what a swap sent now would see).
  return (reply.value as { height: bigint }).height;
}

/** Ends the open block; returns its height once every feeder has acted on it and settled. */
export async function tick(
  fixture: EngineFixture,
  recorder: OracleWireRecorder,
  feeders: readonly RunningFeeder[],
): Promise<bigint> {
  const expected = recorder.openHeight;
  // Set before the tick: the feeders answer its header before this test reads the tick's reply.
  recorder.openHeight = expected + 1n;
  const reply = await fixture.request('engine.control.tick', {});
  if (!reply.ok) throw new Error(`tick refused: ${reply.error.code}`);
  const height = (reply.value as { height: bigint }).height;
  if (height !== expected) throw new Error(`the engine ended block ${height}, the test expected ${expected}`);
  for (const feeder of feeders)
    await waitFor(`a feeder to act on block ${height}`, () => (feeder.processedHeight ?? -1n) >= height);
  await Promise.all(feeders.map((feeder) => feeder.settled()));
  // Results are published after the engine's batch is durable; let the recorder see them too.
  await fixture.client.flush();
  return height;
}

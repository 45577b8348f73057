/**
 * Asks every source for its quotes at once, each bounded by its own `timeoutMs`, and turns each
 * answer into a `SourceRound` for the aggregation: a slow, failing or crashing source is down for
 * this round only, never a reason for the feeder to stop.
 */
import type { SourceRound } from '../aggregation/source-round.js';
import { FeederSourceError } from '../sources/source-error.js';
import type { PriceSource, SourceClock } from '../sources/price-source.js';

export async function fetchSourceRounds(
  sources: readonly PriceSource[],
  clock: SourceClock,
): Promise<SourceRound[]> {
  return Promise.all(sources.map((source) => fetchOne(source, clock)));
}

async function fetchOne(source: PriceSource, clock: SourceClock): Promise<SourceRound> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(
        new FeederSourceError(
          'FEEDER_ERR_SOURCE_TIMEOUT',
          source.name,
          `no answer in ${source.timeoutMs} ms`,
        ),
      );
    }, source.timeoutMs);
  });
  try {
    const quotes = await Promise.race([source.fetchQuotes({ clock, signal: controller.signal }), deadline]);
    return { kind: 'quoted', source: source.name, maxAgeMs: source.maxAgeMs, quotes };
  } catch (error) {
    return { kind: 'failed', source: source.name, error: failureOf(error) };
  } finally {
    clearTimeout(timer);
  }
}

function failureOf(error: unknown): { code: string; message: string } {
  if (error instanceof FeederSourceError) return { code: error.code, message: error.message };
  // A source that throws something else has a bug; it is still only down for this round.
  return { code: 'FEEDER_ERR_SOURCE_MALFORMED', message: `unexpected failure: ${String(error)}` };
}

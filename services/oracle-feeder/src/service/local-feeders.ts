/**
 * The feeders `npm start` runs: one per validator, each with its own registry, metrics port and
 * pending votes, all on the simulated market (one seed, so they agree on the market) with a small
 * per-feeder noise, the way independent feeders reading different exchanges disagree a little.
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import { AGGREGATION_DEFAULT } from '../config/feeder-config.js';
import { DEMO_SIMULATED_ASSETS } from '../sources/demo-simulated-market.js';
import { SimulatedMarketSource } from '../sources/simulated-market-source.js';
import { startFeeder, type RunningFeeder } from './feeder.js';

/** The local node's simulated market: any fixed seed; a fixed one makes demos repeatable. */
export const LOCAL_MARKET_SEED = 20_220_509;
/** Each feeder's own noise around the market price, in percent: well inside the reward band. */
export const LOCAL_FEEDER_NOISE_PCT = 0.05;

export interface LocalFeeder {
  readonly validator: string;
  readonly feeder: RunningFeeder;
}

export async function startLocalFeeders(options: {
  readonly natsUrl: string;
  readonly validators: readonly string[];
  /** The node's data directory; pending votes go to `<dataDir>/feeders`. */
  readonly dataDir: string;
  readonly logger: Logger;
}): Promise<LocalFeeder[]> {
  const started: LocalFeeder[] = [];
  try {
    for (const validator of options.validators) {
      const feeder = await startFeeder({
        natsUrl: options.natsUrl,
        validators: [validator],
        sources: [
          new SimulatedMarketSource({
            seed: LOCAL_MARKET_SEED,
            assets: DEMO_SIMULATED_ASSETS,
            noise: { feederId: validator, pct: LOCAL_FEEDER_NOISE_PCT },
          }),
        ],
        aggregation: AGGREGATION_DEFAULT,
        dataDir: join(options.dataDir, 'feeders'),
        logger: options.logger,
        metricsPort: 0,
        // The node's process metrics are the engine's already.
        processMetrics: false,
      });
      started.push({ validator, feeder });
    }
    return started;
  } catch (error) {
    await Promise.allSettled(started.map((local) => local.feeder.stop()));
    throw error;
  }
}

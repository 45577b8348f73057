/**
 * The price sources a config file can name, by `kind`. Each entry builds the source from the
 * entry's other fields; the source validates its own options (`FEEDER_ERR_SOURCE_CONFIG`) and the
 * config reader reports that under the entry's path. A recorded file's `path` is relative to the
 * config file; a NATS price source subscribes on a connection of the feeder's (`subjectSource`).
 */
import { resolve } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { NatsPriceSource, type NatsPriceSourceOptions } from '../sources/nats-price-source.js';
import { RecordedFileSource, type RecordedFileOptions } from '../sources/recorded-file-source.js';
import { BinanceSource } from '../sources/binance-source.js';
import type { HttpSourceOptions } from '../sources/http-source-options.js';
import { KrakenSource } from '../sources/kraken-source.js';
import {
  OpenExchangeRatesSource,
  type OpenExchangeRatesOptions,
} from '../sources/open-exchange-rates-source.js';
import type { PriceSource } from '../sources/price-source.js';
import { DEMO_SIMULATED_ASSETS } from '../sources/demo-simulated-market.js';
import type { PriceShock } from '../sources/simulated-market.js';
import { SimulatedMarketSource, type SimulatedMarketOptions } from '../sources/simulated-market-source.js';

/** What building a source may need besides its options. */
export interface SourceContext {
  /** The directory of the config file. */
  readonly baseDir: string;
  /** The NATS connection price subjects are read on (opened once, on first use). */
  natsConnection(): Promise<NatsConnection>;
}

export type SourceFactory = (
  options: Readonly<Record<string, unknown>>,
  context: SourceContext,
) => PriceSource | Promise<PriceSource>;

export const SOURCE_KINDS: Readonly<Record<string, SourceFactory>> = {
  binance: (options) => new BinanceSource(options as unknown as HttpSourceOptions),
  kraken: (options) => new KrakenSource(options as unknown as HttpSourceOptions),
  'open-exchange-rates': (options) =>
    new OpenExchangeRatesSource(options as unknown as OpenExchangeRatesOptions),
  simulated: (options) => new SimulatedMarketSource(simulatedOptions(options)),
  'recorded-file': (options, context) => {
    const path = options['path'];
    if (typeof path !== 'string' || path === '') throw new TypeError('path must name the recording');
    return RecordedFileSource.open({
      ...(options as unknown as RecordedFileOptions),
      path: resolve(context.baseDir, path),
    });
  },
  nats: async (options, context) =>
    new NatsPriceSource({
      ...(options as unknown as Omit<NatsPriceSourceOptions, 'connection'>),
      connection: await context.natsConnection(),
    }),
};

/** JSON has no bigint: a shock's `startHeight` is written as a number or a string of digits. */
function simulatedOptions(options: Readonly<Record<string, unknown>>): SimulatedMarketOptions {
  const shocks = options['shocks'];
  return {
    ...(options as unknown as SimulatedMarketOptions),
    assets: (options['assets'] as SimulatedMarketOptions['assets'] | undefined) ?? DEMO_SIMULATED_ASSETS,
    ...(Array.isArray(shocks)
      ? {
          shocks: shocks.map((shock: Record<string, unknown>): PriceShock => {
            const startHeight = shock['startHeight'];
            if (typeof startHeight !== 'number' && typeof startHeight !== 'string')
              throw new TypeError('a shock needs a startHeight (a block height)');
            return { ...(shock as unknown as PriceShock), startHeight: BigInt(startHeight) };
          }),
        }
      : {}),
  };
}

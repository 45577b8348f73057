/**
 * The price sources a config file can name, by `kind`. Each entry builds the source from the
 * entry's other fields; the source validates its own options (`FEEDER_ERR_SOURCE_CONFIG`) and the
 * config reader reports that under the entry's path.
 */
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

export type SourceFactory = (options: Readonly<Record<string, unknown>>) => PriceSource;

export const SOURCE_KINDS: Readonly<Record<string, SourceFactory>> = {
  binance: (options) => new BinanceSource(options as unknown as HttpSourceOptions),
  kraken: (options) => new KrakenSource(options as unknown as HttpSourceOptions),
  'open-exchange-rates': (options) =>
    new OpenExchangeRatesSource(options as unknown as OpenExchangeRatesOptions),
  simulated: (options) => new SimulatedMarketSource(simulatedOptions(options)),
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

/**
 * A price source whose behaviour a test sets between rounds: quoting (fresh quotes at its prices,
 * each scaled by a per-height drift so every period votes new prices, and by `marketLevel`, where
 * the test has moved the market), silent (the last quotes again, with their old timestamps and
 * prices: a connected feed that stopped trading while the market moved on), outlier (prices times a
 * factor) or garbage (what an adapter reports for a body it cannot read).
 */
import { PriceDecimal } from '../../src/sources/price-decimal.js';
import { FeederSourceError } from '../../src/sources/source-error.js';
import type { PriceQuote, PriceSource, SourceClock } from '../../src/sources/price-source.js';

export type ScriptedBehaviour =
  | { readonly kind: 'quoting' }
  | { readonly kind: 'silent' }
  | { readonly kind: 'outlier'; readonly factor: string }
  | { readonly kind: 'garbage' };

export interface ScriptedSourceOptions {
  /** Relative change per block height, e.g. '0.001'. */
  readonly driftPerBlock?: string;
  readonly maxAgeMs?: number;
}

export class ScriptedSource implements PriceSource {
  readonly maxAgeMs: number;
  readonly timeoutMs = 2_000;
  behaviour: ScriptedBehaviour = { kind: 'quoting' };
  /** Scales every fresh quote from now on: the market moved (a silent source keeps its old prices). */
  marketLevel = '1';
  private last: readonly PriceQuote[] = [];
  private readonly driftPerBlock: string;

  constructor(
    readonly name: string,
    /** `BASE/QUOTE` to price text. */
    private readonly prices: Readonly<Record<string, string>>,
    options: ScriptedSourceOptions = {},
  ) {
    this.driftPerBlock = options.driftPerBlock ?? '0';
    this.maxAgeMs = options.maxAgeMs ?? 5_000;
  }

  /** When the last fresh quotes were taken (what a silent source keeps serving). */
  get lastQuotedAtMs(): number | undefined {
    return this.last[0]?.timestampMs;
  }

  async fetchQuotes(request: { readonly clock: SourceClock }): Promise<readonly PriceQuote[]> {
    switch (this.behaviour.kind) {
      case 'silent':
        return this.last;
      case 'garbage':
        throw new FeederSourceError(
          'FEEDER_ERR_SOURCE_MALFORMED',
          this.name,
          'body is not JSON: "<html>oops"',
        );
      case 'outlier':
        return this.quotes(request.clock, this.behaviour.factor);
      case 'quoting':
        this.last = this.quotes(request.clock, '1');
        return this.last;
    }
  }

  async close(): Promise<void> {}

  private quotes(clock: SourceClock, factor: string): PriceQuote[] {
    const drift = new PriceDecimal(1).plus(
      new PriceDecimal(this.driftPerBlock).times(clock.height.toString()),
    );
    return Object.entries(this.prices).map(([pair, price]) => {
      const [base, quote] = pair.split('/') as [string, string];
      return {
        source: this.name,
        base,
        quote,
        price: new PriceDecimal(price).times(drift).times(this.marketLevel).times(factor),
        timestampMs: Date.now(),
      };
    });
  }
}

/** Prices for every pair of the demo pricing, scaled by `scale` (so two feeders can disagree). */
export function demoPrices(scale: string): Record<string, string> {
  const base: Record<string, string> = {
    'LUNA/USDT': '80',
    'USDT/USD': '1.0005',
    'USD/KRW': '1187.5',
    'USD/XDR': '0.75',
    'BTC/USD': '40000',
  };
  return Object.fromEntries(
    Object.entries(base).map(([pair, price]) => [pair, new PriceDecimal(price).times(scale).toString()]),
  );
}

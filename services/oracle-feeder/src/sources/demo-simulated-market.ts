/**
 * The simulated market the local node's feeders run: every pair the demo pricing needs, starting at
 * the prices behind the demo genesis's initial rates (LUNA $80: 80 uusd, 95,000 ukrw, 60 usdr,
 * 0.002 ubtc), so the first tallies land where the genesis left off and then wander.
 */
import type { SimulatedAsset } from './simulated-market.js';

export const DEMO_SIMULATED_ASSETS: readonly SimulatedAsset[] = [
  { base: 'LUNA', quote: 'USDT', startPrice: '80', driftPerBlock: 0, volatilityPerBlock: 0.002 },
  { base: 'USDT', quote: 'USD', startPrice: '1', driftPerBlock: 0, volatilityPerBlock: 0.00005 },
  { base: 'USD', quote: 'KRW', startPrice: '1187.5', driftPerBlock: 0, volatilityPerBlock: 0.0002 },
  { base: 'USD', quote: 'XDR', startPrice: '0.75', driftPerBlock: 0, volatilityPerBlock: 0.0001 },
  { base: 'BTC', quote: 'USD', startPrice: '40000', driftPerBlock: 0, volatilityPerBlock: 0.001 },
];

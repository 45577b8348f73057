/**
 * A feeder as a child process, for the tests that SIGKILL it: configured by environment, scripted
 * prices (`FEEDER_PRICE_SCALE`), pino JSON logs on stdout (the tests read them), stops on SIGTERM.
 */
import { pino } from 'pino';
import { DEMO_DENOM_PRICING } from '../../src/aggregation/demo-pricing.js';
import { startFeeder } from '../../src/service/feeder.js';
import { demoPrices, ScriptedSource } from './scripted-source.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`feeder-child needs ${name}`);
  return value;
};

const feeder = await startFeeder({
  natsUrl: env('FEEDER_NATS_URL'),
  validators: env('FEEDER_VALIDATORS').split(','),
  sources: [new ScriptedSource('child-sim', demoPrices(env('FEEDER_PRICE_SCALE')))],
  aggregation: {
    denoms: DEMO_DENOM_PRICING,
    defaultPolicy: { minSources: 1, deviationBandPct: '5' },
    futureSkewMsMax: 5_000,
  },
  dataDir: env('FEEDER_DATA_DIR'),
  logger: pino({ base: { service: 'oracle-feeder' } }, pino.destination(1)),
});
process.once('SIGTERM', () => void feeder.stop());

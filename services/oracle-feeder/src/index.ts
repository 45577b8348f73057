export * from './sources/price-source.js';
export * from './sources/source-error.js';
export * from './aggregation/aggregation-config.js';
export * from './aggregation/aggregation-result.js';
export * from './aggregation/source-round.js';
export * from './aggregation/aggregate-rates.js';

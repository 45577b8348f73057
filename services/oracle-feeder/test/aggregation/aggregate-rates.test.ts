// aggregateRates on hand-computed rounds: conversion through USD with explicit legs, staleness,
// the outlier gate, thin pairs, failed sources, rounding down to 18 decimals, config checks.
import t from 'tap';
import {
  aggregateRates,
  rateDecText,
  FeederAggregationConfigError,
  type AggregationConfig,
  type AggregationResult,
  type DenomOutcome,
} from '../../src/index.js';
import { demoConfig, failed, NOW_MS, quote, quoted } from './round-builders.js';

function denom(result: AggregationResult, name: string): DenomOutcome {
  const found = result.denoms.find((outcome) => outcome.denom === name);
  if (found === undefined) throw new Error(`no outcome for ${name}`);
  return found;
}

function rateText(result: AggregationResult, name: string): string {
  const outcome = denom(result, name);
  return outcome.kind === 'rate' ? rateDecText(outcome.rate) : `abstain ${outcome.reason.kind}`;
}

/** Three exchanges and two FX providers, prices chosen so the medians are easy to see. */
function healthyRounds() {
  return [
    quoted('ex-a', [
      quote('ex-a', 'LUNA/USDT', '79.5'),
      quote('ex-a', 'USDT/USD', '0.999'),
      quote('ex-a', 'BTC/USD', '40000'),
    ]),
    quoted('ex-b', [
      quote('ex-b', 'LUNA/USDT', '80'),
      quote('ex-b', 'USDT/USD', '1'),
      quote('ex-b', 'BTC/USD', '40100'),
    ]),
    quoted('ex-c', [
      quote('ex-c', 'LUNA/USDT', '80.4'),
      quote('ex-c', 'USDT/USD', '1.002'),
      quote('ex-c', 'BTC/USD', '39900'),
    ]),
    quoted('fx-a', [quote('fx-a', 'USD/KRW', '1350'), quote('fx-a', 'USD/XDR', '0.75')]),
    quoted('fx-b', [quote('fx-b', 'USD/KRW', '1352'), quote('fx-b', 'USD/XDR', '0.75')]),
  ];
}

t.test('each denom is LUNA/USDT x USDT/USD, then through FX or BTC/USD', async (t) => {
  const result = aggregateRates({ rounds: healthyRounds(), nowMs: NOW_MS, config: demoConfig() });
  // medians: LUNA/USDT 80, USDT/USD 1, BTC/USD 40000, USD/KRW 1351 (mean of two), USD/XDR 0.75
  t.equal(rateText(result, 'uusd'), '80.000000000000000000');
  t.equal(rateText(result, 'ukrw'), '108080.000000000000000000');
  t.equal(rateText(result, 'usdr'), '60.000000000000000000');
  t.equal(rateText(result, 'ubtc'), '0.002000000000000000');
  t.same(
    result.sources.map((source) => source.kind),
    ['answered', 'answered', 'answered', 'answered', 'answered'],
  );
  t.ok(
    result.quotes.every((report) => report.verdict.kind === 'used'),
    'every quote was used',
  );
});

t.test('the stablecoin leg is priced, not assumed: USDT at 0.98 moves every denom', async (t) => {
  const rounds = [
    quoted('ex', [
      quote('ex', 'LUNA/USDT', '100'),
      quote('ex', 'USDT/USD', '0.98'),
      quote('ex', 'BTC/USD', '49'),
    ]),
    quoted('fx', [quote('fx', 'USD/KRW', '1000'), quote('fx', 'USD/XDR', '0.5')]),
  ];
  const result = aggregateRates({ rounds, nowMs: NOW_MS, config: demoConfig() });
  t.equal(rateText(result, 'uusd'), '98.000000000000000000');
  t.equal(rateText(result, 'ukrw'), '98000.000000000000000000');
  t.equal(rateText(result, 'usdr'), '49.000000000000000000');
  t.equal(rateText(result, 'ubtc'), '2.000000000000000000');
});

t.test('without a USDT/USD quote every denom abstains: USDT is never taken as 1', async (t) => {
  const rounds = [
    quoted('ex', [quote('ex', 'LUNA/USDT', '100'), quote('ex', 'BTC/USD', '49')]),
    quoted('fx', [quote('fx', 'USD/KRW', '1000'), quote('fx', 'USD/XDR', '0.5')]),
  ];
  const result = aggregateRates({ rounds, nowMs: NOW_MS, config: demoConfig() });
  for (const outcome of result.denoms) {
    t.equal(outcome.kind, 'abstain', outcome.denom);
    if (outcome.kind === 'abstain' && outcome.reason.kind === 'pairShort') {
      t.same(outcome.reason.pair, { base: 'USDT', quote: 'USD' });
      t.same(outcome.reason.shortfall, { kind: 'missing' });
    }
  }
});

t.test('a fixed leg is used as configured, with its note in the pair report', async (t) => {
  const config = demoConfig({
    denoms: [
      {
        denom: 'uusd',
        asset: 'USD',
        legs: [
          { kind: 'market', pair: { base: 'LUNA', quote: 'USDT' }, use: 'multiply' },
          {
            kind: 'fixed',
            pair: { base: 'USDT', quote: 'USD' },
            use: 'multiply',
            price: '1',
            note: 'demo: no USDT/USD source',
          },
        ],
      },
    ],
  });
  const result = aggregateRates({
    rounds: [quoted('ex', [quote('ex', 'LUNA/USDT', '81.25')])],
    nowMs: NOW_MS,
    config,
  });
  t.equal(rateText(result, 'uusd'), '81.250000000000000000');
  t.match(result.pairs[1], { kind: 'fixed', note: 'demo: no USDT/USD source' });
});

t.test('stale quotes are dropped and reported; all stale means abstain, not the old price', async (t) => {
  const rounds = [
    quoted('ex-a', [quote('ex-a', 'LUNA/USDT', '80', 5_000), quote('ex-a', 'USDT/USD', '1', 61_000)]),
    quoted('ex-b', [quote('ex-b', 'LUNA/USDT', '90', 61_000), quote('ex-b', 'USDT/USD', '1', 90_000)]),
  ];
  const result = aggregateRates({
    rounds,
    nowMs: NOW_MS,
    config: demoConfig({ denoms: demoConfig().denoms.filter((d) => d.denom === 'uusd') }),
  });
  const verdicts = result.quotes.map(
    (report) => `${report.source} ${report.pair.base}: ${report.verdict.kind}`,
  );
  t.same(verdicts, ['ex-a LUNA: used', 'ex-b LUNA: stale', 'ex-a USDT: stale', 'ex-b USDT: stale']);
  t.match(result.quotes[1]?.verdict, { kind: 'stale', ageMs: 61_000, maxAgeMs: 60_000 });
  t.match(denom(result, 'uusd'), {
    kind: 'abstain',
    reason: {
      kind: 'pairShort',
      pair: { base: 'USDT', quote: 'USD' },
      shortfall: { kind: 'stale', staleSources: 2 },
    },
  });
});

t.test(
  'a quote exactly maxAgeMs old is still live; one stamped beyond the skew ahead is dropped',
  async (t) => {
    const rounds = [
      quoted('ex-a', [quote('ex-a', 'LUNA/USDT', '80', 60_000)]),
      quoted('ex-b', [quote('ex-b', 'LUNA/USDT', '70', -2_001)]),
    ];
    const config = demoConfig({
      denoms: [
        {
          denom: 'uusd',
          asset: 'USDT',
          legs: [{ kind: 'market', pair: { base: 'LUNA', quote: 'USDT' }, use: 'multiply' }],
        },
      ],
    });
    const result = aggregateRates({ rounds, nowMs: NOW_MS, config });
    t.equal(rateText(result, 'uusd'), '80.000000000000000000');
    t.match(result.quotes[1]?.verdict, { kind: 'future', aheadMs: 2_001, futureSkewMsMax: 2_000 });
  },
);

t.test('with three or more sources an outlier beyond the band is gated and reported', async (t) => {
  const luna = (source: string, price: string) => quoted(source, [quote(source, 'LUNA/USDT', price)]);
  const config = demoConfig({
    denoms: [
      {
        denom: 'uusd',
        asset: 'USDT',
        legs: [{ kind: 'market', pair: { base: 'LUNA', quote: 'USDT' }, use: 'multiply' }],
      },
    ],
  });
  const rounds = [luna('a', '80'), luna('b', '81'), luna('c', '79'), luna('d', '100')];
  const result = aggregateRates({ rounds, nowMs: NOW_MS, config });
  // median of all four is 80.5; 100 deviates 24.2% > 5%: gated; median of 79, 80, 81 is 80
  t.equal(rateText(result, 'uusd'), '80.000000000000000000');
  const gated = result.quotes.find((report) => report.source === 'd');
  t.equal(gated?.verdict.kind, 'gated');
  if (gated?.verdict.kind === 'gated') {
    t.equal(gated.verdict.median.toString(), '80.5');
    t.equal(gated.verdict.deviationPct.toDecimalPlaces(4).toString(), '24.2236');
  }
  t.match(result.pairs[0], { kind: 'pooled', sources: ['a', 'b', 'c'] });
});

t.test('with two sources there is no gate: their midpoint is used', async (t) => {
  const config = demoConfig({
    denoms: [
      {
        denom: 'uusd',
        asset: 'USDT',
        legs: [{ kind: 'market', pair: { base: 'LUNA', quote: 'USDT' }, use: 'multiply' }],
      },
    ],
  });
  const rounds = [
    quoted('a', [quote('a', 'LUNA/USDT', '80')]),
    quoted('b', [quote('b', 'LUNA/USDT', '100')]),
  ];
  const result = aggregateRates({ rounds, nowMs: NOW_MS, config });
  t.equal(rateText(result, 'uusd'), '90.000000000000000000');
});

t.test(
  'fewer live sources than the minimum (after gating) abstains as thin; failures are reported',
  async (t) => {
    const config = demoConfig({
      denoms: [
        {
          denom: 'uusd',
          asset: 'USDT',
          legs: [{ kind: 'market', pair: { base: 'LUNA', quote: 'USDT' }, use: 'multiply' }],
        },
      ],
      defaultPolicy: { minSources: 3, deviationBandPct: '2' },
    });
    const rounds = [
      quoted('a', [quote('a', 'LUNA/USDT', '80')]),
      quoted('b', [quote('b', 'LUNA/USDT', '80.1')]),
      quoted('c', [quote('c', 'LUNA/USDT', '95')]),
      failed('d', 'FEEDER_ERR_SOURCE_TIMEOUT'),
    ];
    const result = aggregateRates({ rounds, nowMs: NOW_MS, config });
    t.match(denom(result, 'uusd'), {
      kind: 'abstain',
      reason: {
        kind: 'pairShort',
        shortfall: { kind: 'thin', liveSources: 2, gatedSources: 1, minSources: 3 },
      },
    });
    t.same(result.sources[3], {
      source: 'd',
      kind: 'failed',
      code: 'FEEDER_ERR_SOURCE_TIMEOUT',
      message: 'd failed',
    });
  },
);

t.test('a per-pair policy overrides the default', async (t) => {
  const config = demoConfig({
    denoms: [
      {
        denom: 'ukrw',
        asset: 'KRW',
        legs: [{ kind: 'market', pair: { base: 'LUNA', quote: 'KRW' }, use: 'multiply' }],
      },
    ],
    defaultPolicy: { minSources: 1, deviationBandPct: '5' },
    pairPolicies: { 'LUNA/KRW': { minSources: 2, deviationBandPct: '5' } },
  });
  const result = aggregateRates({
    rounds: [quoted('a', [quote('a', 'LUNA/KRW', '100000')])],
    nowMs: NOW_MS,
    config,
  });
  t.match(denom(result, 'ukrw'), { kind: 'abstain', reason: { shortfall: { kind: 'thin', minSources: 2 } } });
});

t.test('a source counts once per pair: its newest quote, the older one superseded', async (t) => {
  const config = demoConfig({
    denoms: [
      {
        denom: 'uusd',
        asset: 'USDT',
        legs: [{ kind: 'market', pair: { base: 'LUNA', quote: 'USDT' }, use: 'multiply' }],
      },
    ],
    defaultPolicy: { minSources: 2, deviationBandPct: '5' },
  });
  const rounds = [quoted('a', [quote('a', 'LUNA/USDT', '80', 1_000), quote('a', 'LUNA/USDT', '81', 10)])];
  const result = aggregateRates({ rounds, nowMs: NOW_MS, config });
  t.same(
    result.quotes.map((report) => report.verdict.kind),
    ['superseded', 'used'],
  );
  t.match(denom(result, 'uusd'), {
    kind: 'abstain',
    reason: { shortfall: { kind: 'thin', liveSources: 1 } },
  });
});

t.test('rates are rounded down to 18 decimals; a rate below 1e-18 abstains', async (t) => {
  const config = demoConfig({
    denoms: [
      {
        denom: 'ubtc',
        asset: 'BTC',
        legs: [{ kind: 'market', pair: { base: 'BTC', quote: 'LUNA' }, use: 'divide' }],
      },
    ],
  });
  const third = aggregateRates({
    rounds: [quoted('a', [quote('a', 'BTC/LUNA', '3')])],
    nowMs: NOW_MS,
    config,
  });
  t.equal(rateText(third, 'ubtc'), '0.333333333333333333');
  const twoThirds = aggregateRates({
    rounds: [quoted('a', [quote('a', 'BTC/LUNA', '1.5')])],
    nowMs: NOW_MS,
    config,
  });
  t.equal(rateText(twoThirds, 'ubtc'), '0.666666666666666666', 'down, not to nearest');
  const tiny = aggregateRates({
    rounds: [quoted('a', [quote('a', 'BTC/LUNA', '2000000000000000000')])],
    nowMs: NOW_MS,
    config,
  });
  t.match(denom(tiny, 'ubtc'), { kind: 'abstain', reason: { kind: 'rateBelowPrecision' } });
});

t.test('a non-positive price in a quote is reported invalid and never used', async (t) => {
  const config = demoConfig({
    denoms: [
      {
        denom: 'uusd',
        asset: 'USDT',
        legs: [{ kind: 'market', pair: { base: 'LUNA', quote: 'USDT' }, use: 'multiply' }],
      },
    ],
  });
  const rounds = [quoted('a', [quote('a', 'LUNA/USDT', '0')]), quoted('b', [quote('b', 'LUNA/USDT', '-5')])];
  const result = aggregateRates({ rounds, nowMs: NOW_MS, config });
  t.same(
    result.quotes.map((report) => report.verdict.kind),
    ['invalid', 'invalid'],
  );
  t.match(denom(result, 'uusd'), { kind: 'abstain', reason: { shortfall: { kind: 'missing' } } });
});

t.test('an unusable configuration is refused with every problem listed', async (t) => {
  const config = demoConfig({
    denoms: [
      {
        denom: 'uusd',
        asset: 'USD',
        legs: [{ kind: 'market', pair: { base: 'LUNA', quote: 'USDT' }, use: 'multiply' }],
      },
      {
        denom: 'ukrw',
        asset: 'KRW',
        legs: [{ kind: 'market', pair: { base: 'USD', quote: 'KRW' }, use: 'multiply' }],
      },
      {
        denom: 'usdr',
        asset: 'XDR',
        legs: [
          { kind: 'fixed', pair: { base: 'LUNA', quote: 'XDR' }, use: 'multiply', price: '-1', note: ' ' },
        ],
      },
    ],
    defaultPolicy: { minSources: 0, deviationBandPct: 'five' },
  });
  const error = t.throws(() => aggregateRates({ rounds: [], nowMs: NOW_MS, config })) as unknown;
  t.ok(error instanceof FeederAggregationConfigError);
  if (!(error instanceof FeederAggregationConfigError)) return;
  t.equal(error.code, 'FEEDER_ERR_AGGREGATION_CONFIG');
  t.same(error.problems, [
    'denom uusd: the legs lead from LUNA to USDT, not to USD',
    'denom ukrw leg 0 (multiply by USD/KRW) needs USD but has LUNA',
    'denom usdr leg 0: fixed price "-1" is not a positive decimal',
    'denom usdr leg 0: a fixed leg must say why in its note',
    'defaultPolicy.minSources must be an integer >= 1, got 0',
    'defaultPolicy.deviationBandPct must be a non-negative decimal, got five',
  ]);
});

t.test(
  'a configuration of the wrong shape (as from a JSON file) is refused by path, not a TypeError',
  async (t) => {
    const shapes: [string, unknown, RegExp][] = [
      ['not an object', 'demo', /must be an object/],
      ['denoms not a list', { ...demoConfig(), denoms: { uusd: {} } }, /denoms must be a list/],
      [
        'legs missing',
        { ...demoConfig(), denoms: [{ denom: 'uusd', asset: 'USD' }] },
        /denoms\[0\]\.legs must be a list/,
      ],
      [
        'a leg without a pair',
        {
          ...demoConfig(),
          denoms: [{ denom: 'uusd', asset: 'USD', legs: [{ kind: 'market', use: 'multiply' }] }],
        },
        /denoms\[0\]\.legs\[0\]\.pair must be/,
      ],
      [
        'an unknown leg kind',
        {
          ...demoConfig(),
          denoms: [
            {
              denom: 'uusd',
              asset: 'USD',
              legs: [{ kind: 'magic', use: 'multiply', pair: { base: 'LUNA', quote: 'USD' } }],
            },
          ],
        },
        /kind must be "market" or "fixed"/,
      ],
      [
        'a numeric band',
        { ...demoConfig(), defaultPolicy: { minSources: 1, deviationBandPct: 5 } },
        /deviationBandPct must be decimal text/,
      ],
      [
        'no skew limit',
        { denoms: [], defaultPolicy: { minSources: 1, deviationBandPct: '5' } },
        /futureSkewMsMax/,
      ],
    ];
    for (const [what, config, pattern] of shapes) {
      const error = t.throws(() =>
        aggregateRates({ rounds: [], nowMs: NOW_MS, config: config as AggregationConfig }),
      ) as unknown;
      t.ok(error instanceof FeederAggregationConfigError, what);
      t.match((error as Error).message, pattern, what);
    }
  },
);

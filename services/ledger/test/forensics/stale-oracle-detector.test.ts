// Given/when/then over the detector: real swap events from the pure core (demo genesis, LUNA at 80
// UST), then a tally with the next rates. Only a swap whose rate the next tally moved against it by
// more than its spread is reported, with its profit, and only the next tally judges a swap.
import t from 'tap';
import * as dec from '@marketnode/dec';
import { applyCommand, type Command, type Event, type ExchangeRatesTallied } from '@marketnode/events';
import type { LogEntry } from '@marketnode/log-store';
import { createNodeState, type NodeState } from '@marketnode/node-state';
import { readGenesisFile } from '../../../market-engine/src/genesis/genesis-file.js';
import { StaleOracleDetector } from '../../src/forensics/stale-oracle.js';
import type { DecodedEntry } from '../../src/forensics/scan-log.js';

const DEMO_GENESIS = new URL('../../../market-engine/genesis/demo.json', import.meta.url).pathname;

function tally(height: bigint, rates: Readonly<Record<string, string>>): ExchangeRatesTallied {
  return {
    type: 'ExchangeRatesTallied',
    height,
    referenceTerra: 'uusd',
    thresholdVotes: 1n,
    exchangeRates: Object.entries(rates).map(([denom, text]) => ({ denom, exchangeRate: dec.parse(text) })),
    ballots: [],
    rateFailures: [],
    claims: [],
    voteTargets: Object.keys(rates),
    missCountersIncremented: [],
    periodRewards: [],
    rewardsToValidators: [],
    whitelistApplied: false,
  };
}

/** A log in memory: each step is a command applied by the core, or a tally event stated directly. */
class Steps {
  readonly state: NodeState = createNodeState(readGenesisFile(DEMO_GENESIS).genesis);
  readonly detector = new StaleOracleDetector();
  private seq = 0n;

  swap(trader: string, offer: dec.Coin, askDenom: string): Event {
    const command: Command = {
      type: 'Swap',
      requestId: `r${this.seq}`,
      trader,
      receiver: trader,
      offer,
      askDenom,
    };
    const events = applyCommand(this.state, command, { height: 1n });
    this.observe(command, events);
    return events[0] as Event;
  }

  tally(rates: Readonly<Record<string, string>>): void {
    this.observe({ type: 'EndBlock', height: 4n, timeMs: 0n }, [tally(4n, rates)]);
  }

  private observe(command: Command, events: readonly Event[]): void {
    this.seq += 1n;
    const entry = { seq: this.seq, height: 1n } as LogEntry;
    this.detector.observe({ entry, body: { command, events } } satisfies DecodedEntry);
  }
}

const DROPPED = { uusd: '60', ukrw: '71250', usdr: '45', ubtc: '0.0015' };

t.test('LUNA sold at 80 UST just before a tally at 60 is reported, with its profit in uluna', async (t) => {
  const steps = new Steps();
  const sold = steps.swap('terra1alice', { denom: 'uluna', amount: 1_000_000_000n }, 'uusd');
  steps.tally(DROPPED);
  const report = steps.detector.report();
  t.equal(sold.type, 'SwapExecuted');
  if (sold.type !== 'SwapExecuted') return;
  t.equal(report.staleSwaps.length, 1);
  const [stale] = report.staleSwaps;
  t.equal(stale?.trader, 'terra1alice');
  t.equal(stale?.rateMove, '0.250000000000000000', 'the UST price of LUNA fell by a quarter');
  // Received UST valued at 60 per LUNA, minus the LUNA given (Dec arithmetic of the core).
  const expected = dec.sub(
    dec.quo(dec.fromInt(sold.swapCoin.amount), dec.fromInt(60)),
    dec.fromInt(1_000_000_000n),
  );
  t.equal(stale?.profitUluna, dec.format(expected));
  t.same(report.profitByAccount, [{ account: 'terra1alice', swaps: 1, profitUluna: dec.format(expected) }]);
});

t.test('buying LUNA before the drop, or a move smaller than the spread, is not reported', async (t) => {
  const steps = new Steps();
  steps.swap('terra1bob', { denom: 'uusd', amount: 80_000_000_000n }, 'uluna');
  steps.swap('terra1alice', { denom: 'uluna', amount: 1_000_000_000n }, 'uusd');
  // 80 -> 79.9: a 0.125% move, under the 0.5% minimum spread.
  steps.tally({ uusd: '79.9', ukrw: '95000', usdr: '60', ubtc: '0.002' });
  const report = steps.detector.report();
  t.equal(report.swapsJudged, 2);
  t.same(report.staleSwaps, []);
  t.same(report.profitByAccount, []);
});

t.test('only the NEXT tally judges a swap; one with no tally after it is not judged', async (t) => {
  const steps = new Steps();
  steps.swap('terra1alice', { denom: 'uluna', amount: 1_000_000_000n }, 'uusd');
  steps.tally({ uusd: '80', ukrw: '95000', usdr: '60', ubtc: '0.002' });
  steps.tally(DROPPED);
  steps.swap('terra1alice', { denom: 'uluna', amount: 1_000_000n }, 'uusd');
  const report = steps.detector.report();
  t.same(report.staleSwaps, [], 'the first swap was judged by the unchanged tally, not the drop after it');
  t.equal(report.swapsJudged, 1);
  t.equal(report.swapsNotJudged, 1, 'the last swap has no tally after it');
});

t.test('a tally that set no rate for a denom of the swap leaves it not judged', async (t) => {
  const steps = new Steps();
  steps.swap('terra1alice', { denom: 'uluna', amount: 1_000_000_000n }, 'uusd');
  steps.tally({ ukrw: '71250' });
  const report = steps.detector.report();
  t.equal(report.swapsNotJudged, 1);
  t.same(report.staleSwaps, []);
});

t.test('profits add up per trader, the largest first', async (t) => {
  const steps = new Steps();
  steps.swap('terra1alice', { denom: 'uluna', amount: 1_000_000_000n }, 'uusd');
  steps.swap('terra1bob', { denom: 'uluna', amount: 3_000_000_000n }, 'ukrw');
  steps.swap('terra1alice', { denom: 'uluna', amount: 500_000_000n }, 'usdr');
  steps.tally(DROPPED);
  const report = steps.detector.report();
  t.equal(report.staleSwaps.length, 3);
  const sum = (account: string) =>
    report.staleSwaps
      .filter((swap) => swap.trader === account)
      .reduce((total, swap) => dec.add(total, dec.parse(swap.profitUluna)), dec.ZERO);
  t.same(
    report.profitByAccount.map((item) => item.account),
    ['terra1bob', 'terra1alice'],
  );
  for (const item of report.profitByAccount) {
    // Each swap's profit is rounded to 18 decimals; the account's sum is rounded once.
    const difference = dec.abs(dec.sub(dec.parse(item.profitUluna), sum(item.account)));
    t.ok(difference <= dec.fromScaled(2n), `${item.account}: ${item.profitUluna} is the sum of its swaps`);
  }
});

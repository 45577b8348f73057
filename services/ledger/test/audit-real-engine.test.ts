// The audit passes on logs the real engine wrote: market and reserve swaps, rejected swaps, oracle
// commit-reveal with failures, many blocks; and the ledger's incremental projections (applied in
// uneven batches while the engine runs) equal a rebuild from scratch.
//
// The oracle's course in the demo genesis (vote period 5): the genesis rates price swaps up to
// height 4, whose tally has no votes and clears them (swaps are rejected MARKET_ERR_NO_PRICE);
// the majority prevotes at 5 and reveals at 10, so the tally at 14 sets rates again, as does the
// one at 19, and swaps from 15 on execute at the tallied rates. Four rounds reach height 20.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeLogBody } from '@marketnode/events';
import { openLogReader } from '@marketnode/log-store';
import { auditLedger, ProjectionStore, Projector } from '../src/index.js';
import { DEMO, runScenario, startEngineFixture } from './support/engine-scenario.js';

/**
 * Each round is runScenario's opening tick then 4 blocks: 5 heights, so the opening ticks land at
 * 1, 6, 11, 16 and never on a period's first height, where the scenario votes.
 */
const ROUNDS = 4;

t.test('audit passes on a real engine log with every kind of entry', async (t) => {
  const fixture = await startEngineFixture();
  const ledgerDir = mkdtempSync(join(tmpdir(), 'ledger-audit-'));
  t.teardown(async () => {
    await fixture.close();
    rmSync(ledgerDir, { recursive: true, force: true });
  });
  const reader = openLogReader({ path: fixture.dataDir });
  t.teardown(() => reader.close());
  const store = ProjectionStore.open({
    path: ledgerDir,
    genesis: DEMO.genesis,
    genesisHash: reader.genesisHash,
  });
  t.teardown(() => store.close());
  const projector = new Projector(store);

  // Incrementally, in batches of odd sizes, while the engine writes.
  let [executed, rejected] = [0, 0];
  for (let round = 0; round < ROUNDS; round += 1) {
    const result = await runScenario(fixture, { blocks: 4, tag: `r${round}` });
    executed += result.swapsExecuted;
    rejected += result.swapsRejected;
    const pending = [...reader.readRange(projector.lastSeq + 1n)];
    for (let i = 0; i < pending.length; i += 7) projector.applyBatch(pending.slice(i, i + 7));
  }

  t.ok(executed >= 10 && rejected >= 10, `${executed} swaps executed, ${rejected} rejected`);
  const kinds = new Set<string>();
  const [rateTallies, emptyTallies] = [[] as bigint[], [] as bigint[]];
  const executedAt: { height: bigint; venue: string }[] = [];
  for (const entry of reader.readRange(1n))
    for (const event of decodeLogBody(entry.body).events) {
      kinds.add(event.type === 'SwapExecuted' ? `SwapExecuted/${event.venue}` : event.type);
      if (event.type === 'SwapExecuted') executedAt.push({ height: entry.height, venue: event.venue });
      if (event.type === 'ExchangeRatesTallied')
        (event.exchangeRates.length > 0 ? rateTallies : emptyTallies).push(event.height);
    }
  t.ok(emptyTallies.length >= 1, `tallies with no votes cleared the rates at heights ${emptyTallies}`);
  t.ok(rateTallies.length >= 2, `the majority's tallies set rates at heights ${rateTallies}`);
  const firstRates = rateTallies[0];
  for (const venue of ['market', 'reserve'])
    t.ok(
      executedAt.some((swap) => swap.venue === venue && firstRates !== undefined && swap.height > firstRates),
      `${venue} swaps executed at the tallied rates (after height ${firstRates})`,
    );
  for (const kind of [
    'SwapExecuted/market',
    'SwapExecuted/reserve',
    'SwapRejected',
    'VoteSubmitted',
    'PrevoteSubmitted',
    'OracleMessageRejected',
    'ExchangeRatesTallied',
    'PoolsReplenished',
  ])
    t.ok(kinds.has(kind), `the log has ${kind}`);

  const verdict = await auditLedger({ reader, genesis: DEMO.genesis, store });
  t.same(verdict.ok ? undefined : verdict.failure, undefined, 'the audit passes');
  t.ok(verdict.ok && verdict.lastSeq === reader.lastEntry()?.seq, 'up to the last entry');
  t.ok(verdict.ok && verdict.blocksVerified >= 4 * ROUNDS, 'every block reproduced');
});

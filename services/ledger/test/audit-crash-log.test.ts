// The audit passes on a log the engine wrote while being killed with SIGKILL under a stream of
// swaps (the engine's own crash-test harness, fewer kills), and a ledger following that log through
// every kill ends with the projections a rebuild from scratch gives.
//
// The genesis is the demo one with a vote period longer than the run: nobody votes here, so with
// the demo's 5-block period the first tally would clear every rate and every later swap would be
// rejected MARKET_ERR_NO_PRICE, leaving nothing but rejections across the kills. With the genesis
// rates kept, market swaps both ways and reserve swaps on both sides (BTC in, BTC out) execute
// before and after every kill, which the test reads back from the log.
import t from 'tap';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeLogBody } from '@marketnode/events';
import { hashGenesis, openLogReader, type LogReader } from '@marketnode/log-store';
import { MarketClient } from '@marketnode/market-client';
import { startNatsServer } from '@marketnode/nats-kit';
import { pino } from 'pino';
import { readGenesisFile } from '../../market-engine/src/genesis/genesis-file.js';
import { startEngineProcess, type EngineProcess } from '../../market-engine/test/support/engine-process.js';
import { auditLedger, runLedger } from '../src/index.js';
import { DEMO_GENESIS } from './support/engine-scenario.js';

const KILLS = 4;
const SEED = Number(process.env['CRASH_SEED'] ?? '4242');
const WAIT_MS_MAX = 60_000;
/** Far more blocks than the run makes (a few hundred at 25 ms): no tally clears the genesis rates. */
const VOTE_PERIOD_BLOCKS = '100000';

/** Each kind of swap the traffic cycles through, by the `kindOf` name the log check uses. */
const SWAP_KINDS = [
  { kind: 'market uusd->uluna', offer: { denom: 'uusd', amount: 1_000_000n }, askDenom: 'uluna' },
  { kind: 'market uluna->uusd', offer: { denom: 'uluna', amount: 10_000n }, askDenom: 'uusd' },
  { kind: 'reserveEntry ubtc->uusd', offer: { denom: 'ubtc', amount: 1_000n }, askDenom: 'uusd' },
  { kind: 'reserveExit uusd->ubtc', offer: { denom: 'uusd', amount: 1_000_000n }, askDenom: 'ubtc' },
];

/** The demo genesis with a vote period longer than the run, written into `dir`. */
function writeCrashGenesis(dir: string): string {
  const genesis = JSON.parse(readFileSync(DEMO_GENESIS, 'utf8')) as {
    oracle: { params: { vote_period: string } };
  };
  genesis.oracle.params.vote_period = VOTE_PERIOD_BLOCKS;
  const path = join(dir, 'crash-genesis.json');
  writeFileSync(path, JSON.stringify(genesis, null, 2));
  return path;
}

/** The log's last seq now (the engine is dead: this is where its kill cut the log). */
async function lastSeqOf(dataDir: string): Promise<bigint> {
  const reader = openLogReader({ path: dataDir });
  try {
    return reader.lastEntry()?.seq ?? 0n;
  } finally {
    await reader.close();
  }
}

/** Executed swaps per kind and rejected swaps, in the log's entries fromSeq..toSeq. */
function swapsIn(reader: LogReader, fromSeq: bigint, toSeq: bigint) {
  const executed = new Map<string, number>();
  let rejected = 0;
  for (const entry of reader.readRange(fromSeq, toSeq))
    for (const event of decodeLogBody(entry.body).events) {
      if (event.type === 'SwapRejected') rejected += 1;
      if (event.type !== 'SwapExecuted') continue;
      const kind = `${event.pool} ${event.offer.denom}->${event.askDenom}`;
      executed.set(kind, (executed.get(kind) ?? 0) + 1);
    }
  return { executed, rejected };
}

t.test(`audit of a log written through ${KILLS} engine SIGKILLs (seed ${SEED})`, async (t) => {
  let random = SEED;
  const next = () => (random = (Math.imul(random, 1664525) + 1013904223) >>> 0) / 4294967296;
  const nats = await startNatsServer();
  const work = mkdtempSync(join(tmpdir(), 'ledger-crash-'));
  const dataDir = join(work, 'engine');
  const genesisPath = writeCrashGenesis(work);
  const genesisFile = readGenesisFile(genesisPath);
  const options = { dataDir, genesisPath, natsUrl: nats.url, blockTimeMs: 25, snapshotIntervalBlocks: 7 };
  let engine: EngineProcess = await startEngineProcess(options);
  const ledger = await runLedger({
    ledgerDir: join(work, 'ledger'),
    logPath: dataDir,
    genesis: genesisFile.genesis,
    genesisHash: hashGenesis(genesisFile.bytes),
    logger: pino({ level: 'silent' }),
    pollIntervalMs: 2,
  });
  const client = await MarketClient.connect({ servers: nats.url, name: 'crash-traffic', timeoutMs: 1_000 });
  t.teardown(async () => {
    engine.child.kill('SIGKILL');
    await ledger.stop();
    await client.close();
    await nats.stop();
    rmSync(work, { recursive: true, force: true });
  });

  let streaming = true;
  let sent = 0;
  const worker = async (id: number): Promise<void> => {
    while (streaming) {
      const { offer, askDenom } = SWAP_KINDS[sent % SWAP_KINDS.length] as (typeof SWAP_KINDS)[number];
      sent += 1;
      // Only alice holds ubtc.
      const trader = id % 2 === 0 || offer.denom === 'ubtc' ? 'terra1alice' : 'terra1bob';
      await client.swap({ trader, offer, askDenom }).catch(() => undefined);
    }
  };
  const workers = Array.from({ length: 8 }, (_, id) => worker(id));
  const streamSome = () => new Promise((resolve) => setTimeout(resolve, 150 + Math.floor(next() * 300)));
  const killSeqs: bigint[] = [];
  for (let kill = 0; kill < KILLS; kill += 1) {
    await streamSome();
    engine.child.kill('SIGKILL');
    await engine.exited;
    killSeqs.push(await lastSeqOf(dataDir));
    engine = await startEngineProcess(options);
  }
  await streamSome(); // traffic after the last kill too
  streaming = false;
  await Promise.all(workers);
  engine.child.kill('SIGTERM');
  t.equal(await engine.exited, 0, 'the last engine stopped cleanly');

  const reader = openLogReader({ path: dataDir });
  t.teardown(() => reader.close());
  const lastSeq = reader.lastEntry()?.seq ?? 0n;

  // From the log: before the first kill and after each one, every kind of swap executed.
  const bounds = [0n, ...killSeqs, lastSeq];
  for (let segment = 0; segment <= KILLS; segment += 1) {
    const [fromSeq, toSeq] = [(bounds[segment] as bigint) + 1n, bounds[segment + 1] as bigint];
    const { executed, rejected } = swapsIn(reader, fromSeq, toSeq);
    const where = segment === 0 ? 'before the first kill' : `after kill ${segment}`;
    t.same(
      SWAP_KINDS.filter(({ kind }) => !executed.has(kind)).map(({ kind }) => kind),
      [],
      `${where} (seq ${fromSeq}..${toSeq}) every kind executed: ` +
        `${[...executed].map(([kind, count]) => `${count} ${kind}`).join(', ')}; ${rejected} rejected`,
    );
  }

  const deadline = Date.now() + WAIT_MS_MAX;
  while (ledger.store.lastCommittedSeq < lastSeq && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  t.equal(
    ledger.store.lastCommittedSeq,
    lastSeq,
    `the ledger followed the log through the kills to seq ${lastSeq}`,
  );
  const verdict = await ledger.audit();
  t.same(
    verdict.ok ? 'ok' : verdict.failure,
    'ok',
    'the audit passes: chain, replay, invariants, incremental = rebuilt',
  );
  t.ok(
    verdict.ok && verdict.blocksVerified > KILLS,
    `${verdict.ok ? verdict.blocksVerified : 0} blocks reproduced`,
  );
  const logOnly = await auditLedger({ reader, genesis: genesisFile.genesis });
  t.ok(logOnly.ok, 'the log alone audits too');
});

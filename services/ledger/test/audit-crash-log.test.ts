// The audit passes on a log the engine wrote while being killed with SIGKILL under a stream of
// swaps (the engine's own crash-test harness, fewer kills), and a ledger following that log through
// every kill ends with the projections a rebuild from scratch gives.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashGenesis, openLogReader } from '@marketnode/log-store';
import { MarketClient } from '@marketnode/market-client';
import { startNatsServer } from '@marketnode/nats-kit';
import { pino } from 'pino';
import { startEngineProcess, type EngineProcess } from '../../market-engine/test/support/engine-process.js';
import { auditLedger, runLedger } from '../src/index.js';
import { DEMO, DEMO_GENESIS } from './support/engine-scenario.js';

const KILLS = 4;
const SEED = Number(process.env['CRASH_SEED'] ?? '4242');
const WAIT_MS_MAX = 60_000;

t.test(`audit of a log written through ${KILLS} engine SIGKILLs (seed ${SEED})`, async (t) => {
  let random = SEED;
  const next = () => (random = (Math.imul(random, 1664525) + 1013904223) >>> 0) / 4294967296;
  const nats = await startNatsServer();
  const work = mkdtempSync(join(tmpdir(), 'ledger-crash-'));
  const dataDir = join(work, 'engine');
  const options = {
    dataDir,
    genesisPath: DEMO_GENESIS,
    natsUrl: nats.url,
    blockTimeMs: 25,
    snapshotIntervalBlocks: 7,
  };
  let engine: EngineProcess = await startEngineProcess(options);
  const ledger = await runLedger({
    ledgerDir: join(work, 'ledger'),
    logPath: dataDir,
    genesis: DEMO.genesis,
    genesisHash: hashGenesis(DEMO.bytes),
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
      sent += 1;
      const offer =
        sent % 3 === 0 ? { denom: 'ubtc', amount: 1_000n } : { denom: 'uusd', amount: 1_000_000n };
      const askDenom = offer.denom === 'ubtc' ? 'uusd' : 'uluna';
      await client
        .swap({ trader: id % 2 === 0 ? 'terra1alice' : 'terra1bob', offer, askDenom })
        .catch(() => undefined);
    }
  };
  const workers = Array.from({ length: 8 }, (_, id) => worker(id));
  for (let kill = 0; kill < KILLS; kill += 1) {
    await new Promise((resolve) => setTimeout(resolve, 150 + Math.floor(next() * 300)));
    engine.child.kill('SIGKILL');
    await engine.exited;
    engine = await startEngineProcess(options);
  }
  streaming = false;
  await Promise.all(workers);
  engine.child.kill('SIGTERM');
  t.equal(await engine.exited, 0, 'the last engine stopped cleanly');

  const reader = openLogReader({ path: dataDir });
  t.teardown(() => reader.close());
  const lastSeq = reader.lastEntry()?.seq ?? 0n;
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
  const logOnly = await auditLedger({ reader, genesis: DEMO.genesis });
  t.ok(logOnly.ok, 'the log alone audits too');
});

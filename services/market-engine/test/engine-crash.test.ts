// Crash test: under a steady stream of swaps the engine is killed with SIGKILL at seeded random
// moments, 20 times. After each restart, and at the end: every acknowledged swap is in the log
// exactly once (retries of unacknowledged ones included), the chain verifies, every block replays
// to its state hash, and the engine's balances equal a fresh replay of the log from genesis.
//
// It fails if the engine replies before the batch is durable (tried: answering a swap at apply time
// instead of after the append loses acknowledged swaps on a kill).
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyCommand, decodeLogBody, stateHash } from '@marketnode/events';
import { openLogReader } from '@marketnode/log-store';
import {
  closeNats,
  connectNats,
  decodeReply,
  encodePayload,
  SharedInboxRequester,
  startNatsServer,
} from '@marketnode/nats-kit';
import { createNodeState } from '@marketnode/node-state';
import { readGenesisFile } from '../src/genesis/genesis-file.js';
import { DEMO_GENESIS } from './support/engine-fixture.js';
import { startEngineProcess, type EngineProcess } from './support/engine-process.js';
import { runMarketnode } from './support/run-marketnode.js';

const KILLS = 20;
const SEED = Number(process.env['CRASH_SEED'] ?? '20261122');
const TRADERS = ['terra1alice', 'terra1bob'];
const IN_FLIGHT = 32;

function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), state | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (bytes: Uint8Array | undefined) =>
  bytes === undefined ? '' : Buffer.from(bytes).toString('hex');

t.test(`SIGKILL ${KILLS} times under load (seed ${SEED}; CRASH_SEED replays)`, async (t) => {
  const random = generator(SEED);
  const nats = await startNatsServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'engine-crash-'));
  const engineOptions = {
    dataDir,
    genesisPath: DEMO_GENESIS,
    natsUrl: nats.url,
    blockTimeMs: 25,
    snapshotIntervalBlocks: 7,
  };
  const nc = await connectNats({ servers: nats.url, name: 'crash-test' });
  const requester = new SharedInboxRequester(nc, { timeoutMs: 1_500, inFlightMax: IN_FLIGHT });
  let engine: EngineProcess = await startEngineProcess(engineOptions);
  t.teardown(async () => {
    engine.child.kill('SIGKILL');
    await requester.close();
    await closeNats(nc);
    await nats.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const acknowledged = new Map<string, { trader: string; ok: boolean }>();
  const unacknowledged: string[] = [];
  let next = 0;
  let streaming = true;
  const send = async (requestId: string): Promise<void> => {
    const trader = TRADERS[Number(requestId.split('-')[1]) % TRADERS.length] as string;
    const offer =
      Number(requestId.split('-')[1]) % 2 === 0
        ? { denom: 'uusd', amount: 1_000_000n }
        : { denom: 'uluna', amount: 10_000n };
    const askDenom = offer.denom === 'uusd' ? 'uluna' : 'uusd';
    try {
      const msg = await requester.request(
        `market.swap.${trader}`,
        encodePayload({ requestId, offer, askDenom }),
      );
      const reply = decodeReply(msg.data);
      if (!reply.ok && reply.error.code === 'ENGINE_ERR_BUSY') unacknowledged.push(requestId);
      else acknowledged.set(requestId, { trader, ok: reply.ok });
    } catch {
      unacknowledged.push(requestId); // timeout or no responders: the client does not know; it retries
    }
  };
  const worker = async (): Promise<void> => {
    while (streaming) await send(unacknowledged.shift() ?? `req-${next++}`);
  };
  const workers = Array.from({ length: IN_FLIGHT }, () => worker());

  for (let kill = 1; kill <= KILLS; kill += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100 + Math.floor(random() * 400)));
    engine.child.kill('SIGKILL');
    await engine.exited;
    engine = await startEngineProcess(engineOptions);
  }
  streaming = false;
  await Promise.all(workers);
  for (let attempt = 0; attempt < 20 && unacknowledged.length > 0; attempt += 1) {
    await Promise.all(unacknowledged.splice(0).map(send));
  }
  t.equal(unacknowledged.length, 0, 'every request was eventually acknowledged');
  t.ok(acknowledged.size > KILLS * 10, `a steady stream: ${acknowledged.size} swaps acknowledged`);

  engine.child.kill('SIGTERM');
  t.equal(await engine.exited, 0, 'the last engine stopped cleanly');

  const log = openLogReader({ path: dataDir });
  t.teardown(() => log.close());
  const verified = await log.verifyChain();
  t.ok(verified.ok, 'the chain verifies');

  const { genesis } = readGenesisFile(DEMO_GENESIS);
  const replayed = createNodeState(genesis);
  const seen = new Map<string, number>();
  let blocks = 0;
  let blockMismatches = 0;
  for (const entry of log.readRange(1n)) {
    const { command } = decodeLogBody(entry.body);
    if (command.type === 'Swap') seen.set(command.requestId, (seen.get(command.requestId) ?? 0) + 1);
    applyCommand(replayed, command, { height: entry.height });
    if (command.type === 'EndBlock') {
      blocks += 1;
      if (hex(stateHash(replayed)) !== hex(entry.stateHash)) blockMismatches += 1;
    }
  }
  t.ok(blocks > KILLS, `${blocks} blocks in the log`);
  t.equal(blockMismatches, 0, 'every block replays from genesis to its recorded state hash');
  const missing = [...acknowledged.keys()].filter((id) => seen.get(id) !== 1);
  t.same(missing, [], 'every acknowledged swap is in the log exactly once');
  t.same(
    [...seen.entries()].filter(([, count]) => count > 1),
    [],
    'no swap is in the log twice',
  );

  // The operator's tool reaches the same verdict on this log, as a real process through the bin.
  const verify = await runMarketnode(['log', 'verify', '--data', dataDir, '--genesis', DEMO_GENESIS]);
  t.equal(verify.exitCode, 0, `marketnode log verify passes: ${verify.stderr}`);
  t.match(verify.stdout, new RegExp(`state hashes ok: ${blocks} blocks reproduced from genesis`));

  // The engine recovers from its latest snapshot plus the tail; its balances must equal the replay.
  engine = await startEngineProcess(engineOptions);
  for (const trader of TRADERS) {
    const msg = await requester.request('market.query.balance', encodePayload({ account: trader }));
    const reply = decodeReply(msg.data);
    const live = reply.ok ? (reply.value as { balances: Record<string, bigint> }).balances : {};
    const fresh = Object.fromEntries([...(replayed.bank.balances.get(trader) ?? new Map())].sort());
    t.same(live, fresh, `${trader}'s balances equal a fresh replay from genesis`);
  }
});

/**
 * Builds the log `bench:replay` reads, with the real engine (in this process, behind a real
 * nats-server, external ticks): swaps in five directions (market both ways, a cross-Terra swap,
 * the reserve's entry and exit sides), a share of them rejected, a block every
 * `SWAPS_PER_BLOCK` swaps. The genesis is the demo one with a vote period longer than the run, so
 * its oracle rates stay in force and swaps keep executing (the demo has no feeders).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  closeNats,
  connectNats,
  decodeReply,
  encodePayload,
  SharedInboxRequester,
  startNatsServer,
} from '@marketnode/nats-kit';
import { pino } from 'pino';
import { runEngine } from '../../services/market-engine/src/engine/run-engine.js';

const DEMO_GENESIS = fileURLToPath(
  new URL('../../services/market-engine/genesis/demo.json', import.meta.url),
);
const SWAPS_PER_BLOCK = 500;
const IN_FLIGHT = 512;
const REQUEST_TIMEOUT_MS = 30_000;
/** Longer than any run: no tally clears the genesis rates. */
const VOTE_PERIOD_BLOCKS = '100000';

const TRADERS = ['terra1alice', 'terra1bob'];

/** Writes the bench genesis into `workDir` and returns its path. */
export function writeBenchGenesis(workDir: string): string {
  const genesis = JSON.parse(readFileSync(DEMO_GENESIS, 'utf8')) as {
    oracle: { params: { vote_period: string } };
  };
  genesis.oracle.params.vote_period = VOTE_PERIOD_BLOCKS;
  const path = join(workDir, 'bench-genesis.json');
  writeFileSync(path, JSON.stringify(genesis, null, 2));
  return path;
}

function swapOf(index: number) {
  const trader = TRADERS[index % TRADERS.length] as string;
  switch (index % 5) {
    case 0:
      return { trader, offer: { denom: 'uusd', amount: 1_000_000n }, askDenom: 'uluna' };
    case 1:
      return { trader, offer: { denom: 'uluna', amount: 10_000n }, askDenom: 'uusd' };
    case 2:
      // bob holds no usdr: rejected for funds, half the time.
      return { trader, offer: { denom: 'usdr', amount: 100_000n }, askDenom: 'ukrw' };
    case 3:
      return { trader, offer: { denom: 'ubtc', amount: 100n }, askDenom: 'uusd' };
    default:
      return { trader, offer: { denom: 'uusd', amount: 100_000n }, askDenom: 'ubtc' };
  }
}

export async function buildBenchLog(options: {
  dataDir: string;
  genesisPath: string;
  swaps: number;
}): Promise<void> {
  const nats = await startNatsServer();
  const engine = await runEngine({
    dataDir: options.dataDir,
    genesisPath: options.genesisPath,
    natsUrl: nats.url,
    externalTicks: true,
    logger: pino({ level: 'silent' }),
  });
  const nc = await connectNats({ servers: nats.url, name: 'bench-replay' });
  const requester = new SharedInboxRequester(nc, { timeoutMs: REQUEST_TIMEOUT_MS, inFlightMax: IN_FLIGHT });
  try {
    for (let sent = 0; sent < options.swaps; sent += SWAPS_PER_BLOCK) {
      const batch = Array.from({ length: Math.min(SWAPS_PER_BLOCK, options.swaps - sent) }, (_, i) => {
        const { trader, offer, askDenom } = swapOf(sent + i);
        const payload = encodePayload({ requestId: `bench-${sent + i}`, offer, askDenom });
        return requester.request(`market.swap.${trader}`, payload);
      });
      await Promise.all(batch);
      const tick = decodeReply((await requester.request('engine.control.tick', encodePayload({}))).data);
      if (!tick.ok) throw new Error(`tick refused: ${tick.error.code}`);
    }
  } finally {
    requester.close();
    await closeNats(nc);
    await engine.stop();
    await nats.stop();
  }
}

/**
 * Drives a real engine (the engine's test fixture: a real nats-server, the engine on a temp LMDB
 * log, external ticks) through a deterministic scenario that exercises every kind of entry the
 * ledger projects: market swaps both ways and a swap-send, reserve swaps on both sides (ubtc in,
 * ubtc out), rejected swaps (no funds, recursive, unsupported), oracle commit-reveal by a majority
 * (so tallies set rates), oracle failures (a reveal without prevote, a reveal that does not match
 * its prevote), and many blocks.
 */
import * as dec from '@marketnode/dec';
import { MarketClient } from '@marketnode/market-client';
import { aggregateVoteHash } from '@marketnode/oracle';
import { exchangeRatesTextOf } from '../../../oracle-feeder/src/voting/exchange-rates-text.js';
import { readGenesisFile } from '../../../market-engine/src/genesis/genesis-file.js';
import {
  DEMO_GENESIS,
  startEngineFixture,
  type EngineFixture,
} from '../../../market-engine/test/support/engine-fixture.js';

export { DEMO_GENESIS, startEngineFixture, type EngineFixture };

export const DEMO = readGenesisFile(DEMO_GENESIS);
const VOTE_PERIOD = 5n;
const HONEST_VALIDATORS = ['terravaloper1alpha', 'terravaloper1beta'];
const RATES = exchangeRatesTextOf(DEMO.genesis.oracle.exchangeRates ?? new Map<string, dec.Dec>());

export interface ScenarioResult {
  readonly blocks: number;
  readonly swapsExecuted: number;
  readonly swapsRejected: number;
}

export async function tick(fixture: EngineFixture): Promise<bigint> {
  const reply = await fixture.request('engine.control.tick', {});
  if (!reply.ok) throw new Error(`tick refused: ${reply.error.code}`);
  return (reply.value as { height: bigint }).height;
}

/** Runs `blocks` blocks of traffic; each block has swaps, some rejected, and oracle messages. */
export async function runScenario(
  fixture: EngineFixture,
  options: { blocks: number; tag?: string },
): Promise<ScenarioResult> {
  const client = await MarketClient.connect({ servers: fixture.nats.url, name: 'ledger-scenario' });
  const tag = options.tag ?? 's';
  let executed = 0;
  let rejected = 0;
  try {
    let nextHeight = (await tick(fixture)) + 1n;
    for (let block = 0; block < options.blocks; block += 1) {
      if (nextHeight % VOTE_PERIOD === 0n) await voteRound(client, nextHeight / VOTE_PERIOD);
      for (const swap of swapsOfBlock(block, `${tag}-${block}`)) {
        const result = await client.swap(swap);
        if (result.ok) executed += 1;
        else rejected += 1;
      }
      nextHeight = (await tick(fixture)) + 1n;
    }
  } finally {
    await client.close();
  }
  return { blocks: options.blocks + 1, swapsExecuted: executed, swapsRejected: rejected };
}

function swapsOfBlock(block: number, id: string) {
  const scale = BigInt(block + 1);
  return [
    {
      requestId: `${id}-a`,
      trader: 'terra1alice',
      offer: { denom: 'uusd', amount: 1_000_000n * scale },
      askDenom: 'uluna',
    },
    {
      requestId: `${id}-b`,
      trader: 'terra1bob',
      offer: { denom: 'uluna', amount: 20_000n * scale },
      askDenom: 'uusd',
    },
    {
      requestId: `${id}-c`,
      trader: 'terra1alice',
      receiver: 'terra1carol',
      offer: { denom: 'usdr', amount: 500_000n },
      askDenom: 'ukrw',
    },
    // The reserve: BTC in (entry side), then UST in for BTC out (exit side).
    {
      requestId: `${id}-d`,
      trader: 'terra1alice',
      offer: { denom: 'ubtc', amount: 1_000n * scale },
      askDenom: 'uusd',
    },
    {
      requestId: `${id}-e`,
      trader: 'terra1bob',
      offer: { denom: 'uusd', amount: 5_000_000n },
      askDenom: 'ubtc',
    },
    // Rejected: no funds, recursive swap, a trader with nothing at all.
    { requestId: `${id}-f`, trader: 'terra1bob', offer: { denom: 'ukrw', amount: 1_000n }, askDenom: 'uusd' },
    {
      requestId: `${id}-g`,
      trader: 'terra1alice',
      offer: { denom: 'uusd', amount: 1_000n },
      askDenom: 'uusd',
    },
    {
      requestId: `${id}-h`,
      trader: 'terra1nobody',
      offer: { denom: 'uluna', amount: 1_000n },
      askDenom: 'uusd',
    },
  ];
}

/**
 * The first block of period `period`: the honest majority reveals last period's prevote and
 * prevotes again; delta reveals with no prevote (rejected); gamma reveals rates it did not commit
 * to (rejected: the hash does not match).
 */
async function voteRound(client: MarketClient, period: bigint): Promise<void> {
  for (const validator of HONEST_VALIDATORS) {
    const salt = saltOf(period - 1n);
    if (period > 1n) await client.vote({ validator, salt, exchangeRates: RATES });
    await client.prevote({
      validator,
      hash: aggregateVoteHash({ salt: saltOf(period), exchangeRatesText: RATES, voter: validator }),
    });
  }
  await client.vote({ validator: 'terravaloper1delta', salt: 'ab', exchangeRates: RATES });
  const gamma = 'terravaloper1gamma';
  if (period > 1n)
    await client.vote({ validator: gamma, salt: saltOf(period - 1n), exchangeRates: '1.0uusd' });
  await client.prevote({
    validator: gamma,
    hash: aggregateVoteHash({ salt: saltOf(period), exchangeRatesText: RATES, voter: gamma }),
  });
}

function saltOf(period: bigint): string {
  return (Number(period) % 65536).toString(16).padStart(4, '0');
}

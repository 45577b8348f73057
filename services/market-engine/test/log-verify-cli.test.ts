// `marketnode log verify` proves two things about a log: the chain (hashes, links, seqs) and the
// replay (the recorded events and every block's state hash are what the core computes from genesis).
// Logs here are written with the log store directly, so a test can record outcomes the core would
// never produce - a forged event, a forged state hash - with a perfectly valid chain; only the replay
// can catch those. A flipped byte on disk breaks the chain instead.
import t from 'tap';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from 'lmdb';
import { applyCommand, encodeLogBody, stateHash, type Command, type Event } from '@marketnode/events';
import { hashGenesis, lmdbOptions, openLogWriter, type NewEntry } from '@marketnode/log-store';
import { createNodeState } from '@marketnode/node-state';
import { main } from '../src/cli/main.js';
import { readGenesisFile } from '../src/genesis/genesis-file.js';
import { captureIo } from './support/capture-io.js';
import { DEMO_GENESIS } from './support/engine-fixture.js';

const ALICE = 'terra1alice';

const COMMANDS: readonly Command[] = [
  swap('a', { denom: 'uusd', amount: 1_000_000n }, 'uluna'),
  swap('b', { denom: 'uluna', amount: 50_000n }, 'ukrw'),
  { type: 'EndBlock', height: 1n, timeMs: 1_000n },
  swap('c', { denom: 'uusd', amount: 9n }, 'uluna'), // rounds to nothing: a rejection is recorded too
  swap('d', { denom: 'ukrw', amount: 2_000_000n }, 'usdr'),
  { type: 'EndBlock', height: 2n, timeMs: 7_000n },
];

function swap(requestId: string, offer: { denom: string; amount: bigint }, askDenom: string): Command {
  return { type: 'Swap', requestId, trader: ALICE, receiver: ALICE, offer, askDenom };
}

interface Forgery {
  /** Index into COMMANDS whose recorded events are replaced. */
  readonly eventsAt?: number;
  readonly forgeEvents?: (events: Event[]) => Event[];
  /** Index into COMMANDS (an EndBlock) whose recorded state hash is replaced. */
  readonly stateHashAt?: number;
}

/** Writes COMMANDS as the engine would (one entry each, a state hash on block entries), with forgeries. */
async function writeLog(path: string, forgery: Forgery = {}): Promise<void> {
  const genesisFile = readGenesisFile(DEMO_GENESIS);
  const state = createNodeState(genesisFile.genesis);
  const writer = openLogWriter({ path, genesisHash: hashGenesis(genesisFile.bytes) });
  let height = 1n;
  const entries: NewEntry[] = COMMANDS.map((command, index) => {
    let events = applyCommand(state, command, { height });
    if (index === forgery.eventsAt && forgery.forgeEvents !== undefined) events = forgery.forgeEvents(events);
    const body = encodeLogBody(command, events);
    const entryHeight = height;
    if (command.type !== 'EndBlock') return { height: entryHeight, body };
    height += 1n;
    const hash = index === forgery.stateHashAt ? new Uint8Array(32).fill(7) : stateHash(state);
    return { height: entryHeight, body, stateHash: hash };
  });
  await writer.appendBatch(entries);
  await writer.close();
}

async function verify(path: string, genesis = DEMO_GENESIS) {
  const io = captureIo();
  const exitCode = await main(['log', 'verify', '--data', path, '--genesis', genesis], io);
  return { exitCode, stdout: io.stdoutText(), stderr: io.stderrText() };
}

function tempLog(t: { teardown(fn: () => void): void }): string {
  const path = mkdtempSync(join(tmpdir(), 'log-verify-'));
  t.teardown(() => rmSync(path, { recursive: true, force: true }));
  return path;
}

t.test('an honest log verifies: the chain, then every block reproduced from genesis', async (t) => {
  const path = tempLog(t);
  await writeLog(path);
  const result = await verify(path);
  t.equal(result.exitCode, 0, result.stderr);
  t.match(result.stdout, /chain ok: 6 entries, last seq 6/);
  t.match(result.stdout, /state hashes ok: 2 blocks reproduced from genesis, the last at height 2 \(seq 6\)/);

  const io = captureIo();
  t.equal(await main(['log', 'inspect', '--data', path, '--json'], io), 0, io.stderrText());
  const lines = io
    .stdoutText()
    .trim()
    .split('\n')
    .map(
      (line) => JSON.parse(line) as { seq: string; command: { type: string }; events: { type: string }[] },
    );
  t.same(
    lines.map((line) => line.command.type),
    COMMANDS.map((command) => command.type),
    'log inspect lists every entry in order',
  );
  t.equal(lines[3]?.events[0]?.type, 'SwapRejected', 'a rejection is recorded like any outcome');
});

t.test('a recorded outcome the core does not give fails the replay at its seq', async (t) => {
  const path = tempLog(t);
  const forgeEvents = (events: Event[]): Event[] =>
    events.map((event) =>
      event.type === 'SwapExecuted'
        ? { ...event, swapCoin: { ...event.swapCoin, amount: event.swapCoin.amount + 1n } }
        : event,
    );
  await writeLog(path, { eventsAt: 4, forgeEvents });
  const result = await verify(path);
  t.equal(result.exitCode, 1);
  t.match(result.stdout, /chain ok: 6 entries/, 'the chain itself is intact');
  t.match(result.stderr, /LOG_ERR_REPLAY_MISMATCH/);
  t.match(result.stderr, /differs at seq 5, height 2 \(events-mismatch\)/);
});

t.test('a forged state hash fails the replay at its block', async (t) => {
  const path = tempLog(t);
  await writeLog(path, { stateHashAt: 2 });
  const result = await verify(path);
  t.equal(result.exitCode, 1);
  t.match(result.stderr, /differs at seq 3, height 1 \(state-hash-mismatch\)/);
});

t.test('a flipped byte on disk breaks the chain at that entry', async (t) => {
  const path = tempLog(t);
  await writeLog(path);
  const root = open<Buffer, Buffer>(lmdbOptions(path, false));
  const entries = root.openDB<Buffer, Buffer>('entries', { encoding: 'binary', keyEncoding: 'binary' });
  const key = Buffer.alloc(8);
  key.writeBigUInt64BE(4n);
  await root.transaction(() => {
    const stored = Buffer.from(entries.get(key) as Buffer);
    const at = stored.length - 40;
    stored[at] = (stored[at] ?? 0) ^ 0x01;
    entries.putSync(key, stored);
  });
  await root.close();
  const result = await verify(path);
  t.equal(result.exitCode, 1);
  t.match(result.stderr, /LOG_ERR_CORRUPT/);
  t.match(result.stderr, /the chain breaks at seq 4/);
});

t.test('a log checked against another genesis is refused before anything is replayed', async (t) => {
  const path = tempLog(t);
  await writeLog(path);
  const otherGenesis = join(path, 'other-genesis.json');
  writeFileSync(otherGenesis, readFileSync(DEMO_GENESIS, 'utf8').replace('marketnode-demo', 'other-chain'));
  const result = await verify(path, otherGenesis);
  t.equal(result.exitCode, 1);
  t.match(result.stderr, /LOG_ERR_GENESIS_MISMATCH/);
});

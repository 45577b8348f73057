// The forensic commands behave like every `marketnode` command: `--help` with usage and examples
// everywhere, a wrong command line exits 2 saying what to fix (and which help to read), a missing,
// corrupt or foreign log exits 1 with its code and a hint; and the installed `npx marketnode` bin
// runs them.
import t from 'tap';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from 'lmdb';
import { applyCommand, encodeLogBody, stateHash, type Command } from '@marketnode/events';
import { SCAN_PROGRESS_ENTRIES } from '@marketnode/ledger/forensics';
import { hashGenesis, lmdbOptions, openLogWriter, type NewEntry } from '@marketnode/log-store';
import { createNodeState } from '@marketnode/node-state';
import { main } from '../../../market-engine/src/cli/main.js';
import { readGenesisFile } from '../../../market-engine/src/genesis/genesis-file.js';
import { captureIo } from '../../../market-engine/test/support/capture-io.js';
import { runMarketnode } from '../../../market-engine/test/support/run-marketnode.js';
import { buildPlantedExploitLog, DEMO_GENESIS } from './support/planted-exploit-log.js';
import { runCli } from './support/run-cli.js';

/** What a progress line starts with: back to the line's start, erase it. */
const ERASE_LINE = '\r\u001b[2K';

const COMMAND_PATHS = [['replay'], ['trace'], ['forensics'], ['forensics', 'stale-oracle'], ['export']];

/** A command line for each command that would work on a log at `data`. */
function workingLines(data: string): string[][] {
  return [
    ['replay', '--to-height', '9', '--data', data],
    ['trace', 'terra1alice', '--data', data],
    ['forensics', 'stale-oracle', '--data', data],
    ['export', '--data', data],
  ];
}

t.test('every forensic command has its help, with usage and examples', async (t) => {
  for (const path of COMMAND_PATHS) {
    const result = await runCli([...path, '--help']);
    t.equal(result.exitCode, 0, path.join(' '));
    t.match(result.stdout, new RegExp(`^Usage: marketnode ${path.join(' ')}`), path.join(' '));
    t.match(result.stdout, /Examples:/, path.join(' '));
  }
  const top = await runCli(['--help']);
  for (const name of ['replay', 'trace', 'forensics', 'export'])
    t.match(top.stdout, new RegExp(`\\n  ${name} `));
});

t.test('a command line that cannot work exits 2 and says what to fix', async (t) => {
  const cases: [string[], RegExp][] = [
    [['replay'], /missing --to-height \(for example --to-height 120\)/],
    [['replay', '--to-height', '0'], /--to-height "0" must be a block height/],
    [['replay', '--to-height', '5', '--top', '0'], /--top "0" must be a positive whole number/],
    [['replay', '--to-height', '5', '--top', '20000'], /--top 20000 is more than 10000/],
    [['trace'], /say which account/],
    [['trace', 'terra1alice', 'terra1bob'], /unexpected argument "terra1bob"/],
    [['forensics'], /say which: marketnode forensics stale-oracle/],
    [['forensics', 'front-running'], /unknown subcommand "front-running"/],
    [
      ['forensics', 'stale-oracle', '--from-height', '9', '--to-height', '3'],
      /--to-height 3 is before --from-height 9\nRun `marketnode forensics stale-oracle --help`/,
    ],
    [['export', '--format', 'xml'], /--format "xml" is not one of csv, jsonl/],
    [['export', '--kind', 'blocks'], /--kind "blocks" is not one of swaps, entries/],
    [
      ['export', '--json', '--format', 'csv'],
      /--json means --format jsonl: drop one of --json and --format csv/,
    ],
    [['export', '--csv'], /Unknown option '--csv'/],
  ];
  for (const [args, message] of cases) {
    const result = await runCli(args);
    t.equal(result.exitCode, 2, args.join(' '));
    t.match(result.stderr, message, args.join(' '));
    t.equal(result.stdout, '', `${args.join(' ')}: nothing on stdout`);
  }
});

t.test('a missing log exits 1 with LOG_ERR_NOT_FOUND and a hint', async (t) => {
  const missing = join(tmpdir(), 'no-such-marketnode-log');
  for (const args of workingLines(missing)) {
    const result = await runCli(args);
    t.equal(result.exitCode, 1, args.join(' '));
    t.match(result.stderr, /^error LOG_ERR_NOT_FOUND: no log at .*\nhint: Point --data/, args.join(' '));
  }
});

t.test('on a real log', async (t) => {
  const log = await buildPlantedExploitLog();
  t.teardown(() => log.close());
  const scratch = mkdtempSync(join(tmpdir(), 'forensics-cli-'));
  t.teardown(() => rmSync(scratch, { recursive: true, force: true }));

  await t.test('a flipped byte in an entry exits 1 with LOG_ERR_CORRUPT at that seq', async (t) => {
    const corrupt = join(scratch, 'corrupt');
    cpSync(log.dataDir, corrupt, { recursive: true });
    await flipByteOfEntry(corrupt, 5n);
    for (const args of workingLines(corrupt)) {
      const result = await runCli(args);
      t.equal(result.exitCode, 1, args.join(' '));
      t.match(result.stderr, /error LOG_ERR_CORRUPT: the log at .* is corrupt at seq 5/, args.join(' '));
    }
  });

  await t.test(
    'another genesis than the log was started from exits 1 with LOG_ERR_GENESIS_MISMATCH',
    async (t) => {
      const other = join(scratch, 'other-genesis.json');
      const genesis = JSON.parse(readFileSync(log.genesisPath, 'utf8')) as Record<string, unknown>;
      writeFileSync(other, JSON.stringify({ ...genesis, chain_id: 'another-chain' }));
      for (const args of workingLines(log.dataDir)) {
        const result = await runCli([...args, '--genesis', other]);
        t.equal(result.exitCode, 1, args.join(' '));
        t.match(result.stderr, /error LOG_ERR_GENESIS_MISMATCH/, args.join(' '));
      }
    },
  );

  await t.test('the installed bin: npx marketnode forensics stale-oracle', async (t) => {
    const result = await runMarketnode(['forensics', 'stale-oracle', '--data', log.dataDir]);
    t.equal(result.exitCode, 0, result.stderr);
    t.match(result.stdout, /^2 stale-oracle swaps among/);
    t.match(result.stdout, /\n {2}terra1alice {2}\d+\.\d{18} uluna {2}\(2 swaps\)/);
    t.notMatch(result.stderr, /\r/, 'no progress line when stderr is not a terminal');
  });
});

t.test('progress shows on a terminal stderr only, and is cleared before results', async (t) => {
  const path = mkdtempSync(join(tmpdir(), 'forensics-progress-'));
  t.teardown(() => rmSync(path, { recursive: true, force: true }));
  // More entries than one progress step, written by the log store with the core (no engine needed).
  await writeSwapLog(path, SCAN_PROGRESS_ENTRIES + 100);
  const lines = [
    ['trace', 'terra1alice', '--data', path],
    ['forensics', 'stale-oracle', '--data', path],
    ['export', '--data', path],
    ['replay', '--to-height', '1', '--data', path, '--genesis', DEMO_GENESIS],
  ];
  for (const args of lines) {
    const terminal = captureIo();
    const onTerminal = { ...terminal, stderr: { ...terminal.stderr, isTTY: true } };
    t.equal(await main(args, onTerminal), 0, `${args[0]}: ${terminal.stderrText()}`);
    const shown = terminal.stderrText().split(ERASE_LINE);
    t.ok(shown.length > 2, `${args[0]} shows progress`);
    t.ok(
      shown.slice(1, -1).every((text) => /^[a-z ]+: seq \d+, height \d+/.test(text)),
      `${args[0]}: each progress line says where it is`,
    );
    t.equal(shown.at(-1), '', `${args[0]} clears it at the end`);
    const piped = await runCli(args);
    t.equal(piped.stderr, '', `${args[0]}: nothing on stderr when it is not a terminal`);
    t.equal(piped.stdout, terminal.stdoutText(), `${args[0]}: the same results either way`);
  }
});

t.test('an entry whose body is not a command and its events exits 1 naming its seq', async (t) => {
  const path = mkdtempSync(join(tmpdir(), 'forensics-undecodable-'));
  t.teardown(() => rmSync(path, { recursive: true, force: true }));
  const genesisFile = readGenesisFile(DEMO_GENESIS);
  const writer = openLogWriter({ path, genesisHash: hashGenesis(genesisFile.bytes) });
  // A well-chained entry whose body is the msgpack string "abc" (only decoding it can tell), then
  // the end of block 1.
  const endBlock: Command = { type: 'EndBlock', height: 1n, timeMs: 6_000n };
  const state = createNodeState(genesisFile.genesis);
  const endBody = encodeLogBody(endBlock, applyCommand(state, endBlock, { height: 1n }));
  await writer.appendBatch([
    { height: 1n, body: Uint8Array.of(0xa3, 0x61, 0x62, 0x63) },
    { height: 1n, body: endBody, stateHash: stateHash(state) },
  ]);
  await writer.close();
  for (const args of [
    ['trace', 'terra1alice', '--data', path],
    ['forensics', 'stale-oracle', '--data', path],
    ['export', '--data', path],
  ]) {
    const result = await runCli(args);
    t.equal(result.exitCode, 1, args.join(' '));
    t.match(result.stderr, /^error EVENTS_ERR_DECODE: the entry at seq 1 cannot be decoded/, args.join(' '));
  }
  const replay = await runCli(['replay', '--to-height', '1', '--data', path]);
  t.equal(replay.exitCode, 1);
  t.match(
    replay.stderr,
    /LOG_ERR_REPLAY_MISMATCH: replay from genesis differs at seq 1, height 1 \(undecodable-body\)/,
  );
});

/** `count` swaps of alice in block 1, then its end: a log like the engine writes (one entry each). */
async function writeSwapLog(path: string, count: number): Promise<void> {
  const genesisFile = readGenesisFile(DEMO_GENESIS);
  const state = createNodeState(genesisFile.genesis);
  const writer = openLogWriter({ path, genesisHash: hashGenesis(genesisFile.bytes) });
  const commands: Command[] = Array.from({ length: count }, (_, i) => ({
    type: 'Swap',
    requestId: `progress-${i}`,
    trader: 'terra1alice',
    receiver: 'terra1alice',
    offer: { denom: 'uusd', amount: 1_000_000n },
    askDenom: 'uluna',
  }));
  commands.push({ type: 'EndBlock', height: 1n, timeMs: 6_000n });
  const entries: NewEntry[] = commands.map((command) => {
    const body = encodeLogBody(command, applyCommand(state, command, { height: 1n }));
    return command.type === 'EndBlock'
      ? { height: 1n, body, stateHash: stateHash(state) }
      : { height: 1n, body };
  });
  await writer.appendBatch(entries);
  await writer.close();
}

/** Flips one byte inside the stored entry at `seq`, as disk damage would (the chain check must catch it). */
async function flipByteOfEntry(path: string, seq: bigint): Promise<void> {
  const root = open<Buffer, Buffer>(lmdbOptions(path, false));
  const entries = root.openDB<Buffer, Buffer>('entries', { encoding: 'binary', keyEncoding: 'binary' });
  const key = Buffer.alloc(8);
  key.writeBigUInt64BE(seq);
  await root.transaction(() => {
    const stored = Buffer.from(entries.get(key) as Buffer);
    const at = stored.length - 40;
    stored[at] = (stored[at] ?? 0) ^ 0x01;
    entries.putSync(key, stored);
  });
  await root.close();
}

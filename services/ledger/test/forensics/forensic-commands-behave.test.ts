// The forensic commands behave like every `marketnode` command: `--help` with usage and examples
// everywhere, a wrong command line exits 2 saying what to fix (and which help to read), a missing,
// corrupt or foreign log exits 1 with its code and a hint; and the installed `npx marketnode` bin
// runs them.
import t from 'tap';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from 'lmdb';
import { lmdbOptions } from '@marketnode/log-store';
import { runMarketnode } from '../../../market-engine/test/support/run-marketnode.js';
import { buildPlantedExploitLog } from './support/planted-exploit-log.js';
import { runCli } from './support/run-cli.js';

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
    [['export', '--json'], /Unknown option '--json'/],
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

// `npm start` as a user runs it: the whole local node as a child process (its nats-server, the
// engine, the oracle voters), the swap it prints run through the real `npx marketnode` bin, then a
// Ctrl-C (SIGTERM) that stops everything cleanly. From a cold start the feeders' first votes must
// set rates within two vote periods (the acceptance), at the height the node announces.
import t from 'tap';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_GENESIS_PATH } from '../src/genesis/demo-genesis.js';
import { readGenesisFile } from '../src/genesis/genesis-file.js';
import { runMarketnode } from './support/run-marketnode.js';

const LOCAL_NODE = fileURLToPath(new URL('../src/local-node.ts', import.meta.url));
/** Generous for a shared CI machine: the node is usually up in two seconds. */
const BANNER_TIMEOUT_MS = 60_000;

t.test('npm start brings up a node, and the swap it prints executes', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'local-node-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', LOCAL_NODE, '--data', dataDir, '--block-time-ms', '500'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  t.teardown(() => child.kill('SIGKILL'));
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const banner = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no banner and rates in ${BANNER_TIMEOUT_MS} ms:\n${stderr}`)),
      BANNER_TIMEOUT_MS,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      // Swaps work once the feeders' first votes are tallied: the node prints a line when they are.
      if (/Ctrl-C stops everything/.test(stdout) && /Oracle rates set by/.test(stdout)) {
        clearTimeout(timer);
        resolve(stdout);
      }
    });
    void exited.then((code) => reject(new Error(`npm start exited with ${code}:\n${stderr}`)));
  });
  t.match(banner, /marketnode local node is running/);
  // From the genesis `npm start` runs on: vote period p (from 0) holds heights p * VP to
  // (p + 1) * VP - 1, so the second one ends at height 2 * VP - 1.
  const votePeriod = readGenesisFile(DEMO_GENESIS_PATH).genesis.oracle.params.votePeriod;
  const secondPeriodEnd = 2n * votePeriod - 1n;
  const ratesHeight = BigInt(/Oracle rates set by the demo voters at height (\d+)/.exec(banner)?.[1] ?? '-1');
  t.ok(ratesHeight >= 0n, 'the node announces the height at which rates were first set');
  t.ok(
    ratesHeight <= secondPeriodEnd,
    `rates set by the end of the second vote period (height ${ratesHeight} <= ${secondPeriodEnd})`,
  );
  const swapLine = /npx marketnode (swap [^\n]+)/.exec(banner)?.[1];
  t.ok(swapLine, 'the banner shows a swap to paste');
  const swap = await runMarketnode((swapLine ?? '').trim().split(/\s+/));
  t.equal(swap.exitCode, 0, swap.stderr);
  t.match(swap.stdout, /^swap executed: 1000000uusd -> \d+uluna to terra1alice/);

  const verify = await runMarketnode(['log', 'verify', '--data', dataDir]);
  t.equal(verify.exitCode, 0, verify.stderr);

  child.kill('SIGTERM');
  t.equal(await exited, 0, `npm start stops cleanly on SIGTERM:\n${stderr}`);
});

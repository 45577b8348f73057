// Acceptance, on a log the real engine wrote (support/planted-exploit-log.ts):
// - `replay --to-height H` shows the state the live engine answered right after block H (its pool,
//   rates, reserve and balance queries, and the state hash of the block), at every tally height;
// - `trace ACCOUNT` lists exactly the entries whose command or events name the account, as
//   `log inspect` (another reader of the same log) shows them;
// - `export` round-trips: its CSV and JSON lines parse back to the values of the log's own entries.
import t, { type Test } from 'tap';
import * as dec from '@marketnode/dec';
import { decodeLogBody, type Event } from '@marketnode/events';
import { replayLog } from '@marketnode/log-audit';
import { openLogReader, type LogEntry } from '@marketnode/log-store';
import { readGenesisFile } from '../../../market-engine/src/genesis/genesis-file.js';
import { readCsvRecords } from './support/csv-reader.js';
import {
  ACCOUNTS_QUERIED,
  buildPlantedExploitLog,
  EXPLOIT_REQUEST_IDS,
  LAST_HEIGHT,
  TALLY_HEIGHTS,
  type PlantedExploitLog,
} from './support/planted-exploit-log.js';
import { jsonLines, runCli } from './support/run-cli.js';

/** Enough to list every holder of every denom in this small log. */
const TOP_ALL = '10000';

interface ReplayJson {
  height: string;
  seq: string;
  stateHash: string;
  state: {
    market: Record<string, string>;
    reserve: Record<string, unknown>;
    oracle: { exchangeRates: Record<string, string>; tobinTaxes: Record<string, string> };
    supplies: Record<string, string>;
    largestBalances: Record<string, { account: string; amount: string }[]>;
  };
}

function readEntries(dataDir: string): LogEntry[] {
  const reader = openLogReader({ path: dataDir });
  try {
    return [...reader.readRange(1n)].map((entry) => ({ ...entry, body: entry.body.slice() }));
  } finally {
    void reader.close();
  }
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** True when `value` holds `text` as a whole string anywhere inside it. */
function names(value: unknown, text: string): boolean {
  if (typeof value === 'string') return value === text;
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).some((item) => names(item, text));
}

t.test('forensic answers agree with the engine and the log', async (t) => {
  const log = await buildPlantedExploitLog();
  t.teardown(() => log.close());
  const data = ['--data', log.dataDir];
  await t.test('replay --to-height shows the state the engine had', (t) => replayAgrees(t, log, data));
  await t.test('trace lists exactly the entries naming the account', (t) => traceAgrees(t, log, data));
  await t.test('export round-trips to the log', (t) => exportAgrees(t, log, data));
});

async function replayAgrees(t: Test, log: PlantedExploitLog, data: string[]): Promise<void> {
  const genesis = readGenesisFile(log.genesisPath).genesis;
  for (const height of TALLY_HEIGHTS) {
    const engine = log.stateAfter.get(height);
    if (engine === undefined) throw new Error(`no engine answers at ${height}`);
    const result = await runCli([
      'replay',
      '--to-height',
      String(height),
      '--top',
      TOP_ALL,
      '--json',
      ...data,
    ]);
    t.equal(result.exitCode, 0, result.stderr);
    const replay = JSON.parse(result.stdout) as ReplayJson;
    const at = `at height ${height}`;
    t.equal(replay.stateHash, engine.stateHash, `${at}: the block's state hash`);
    if (!engine.pool.ok || !engine.rates.ok || !engine.reserve.ok) throw new Error('the engine answered');
    const { basePool, terraPoolDelta, terraPool, lunaPool } = engine.pool.value;
    t.same(replay.state.market, { basePool, terraPoolDelta, terraPool, lunaPool }, `${at}: the market pools`);
    t.same(replay.state.oracle.exchangeRates, engine.rates.value.exchangeRates, `${at}: the rates`);
    t.same(replay.state.oracle.tobinTaxes, engine.rates.value.tobinTaxes, `${at}: the tobin taxes`);
    const { entryDeltaUst, exitDeltaUst, inventory, dayCapBaseBtc, redeemedTodayBtc } = engine.reserve.value;
    t.match(
      replay.state.reserve,
      {
        entryDeltaUst,
        exitDeltaUst,
        inventory: Object.fromEntries(
          Object.entries(inventory).map(([denom, amount]) => [denom, String(amount)]),
        ),
        dayCapBaseBtc: String(dayCapBaseBtc),
        redeemedTodayBtc: String(redeemedTodayBtc),
      },
      `${at}: the reserve`,
    );
    for (const account of ACCOUNTS_QUERIED) {
      const answer = engine.balances[account];
      if (answer?.ok !== true) throw new Error(`the engine answered the balance of ${account}`);
      const listed = Object.entries(replay.state.largestBalances).flatMap(([denom, holders]) =>
        holders
          .filter((holder) => holder.account === account)
          .map((holder) => [denom, BigInt(holder.amount)]),
      );
      t.same(Object.fromEntries(listed), answer.value.balances, `${at}: the balances of ${account}`);
    }
    // Supplies: what replayLog (the audit's re-execution) has, and the sum of every holder listed.
    const reader = openLogReader({ path: log.dataDir });
    const audited = await replayLog({ reader, genesis, toSeq: BigInt(replay.seq) });
    await reader.close();
    if (!audited.ok) throw new Error(`replayLog failed: ${audited.detail}`);
    const supplies = Object.fromEntries(
      [...audited.state.bank.supply].map(([denom, amount]) => [denom, String(amount)]),
    );
    t.same(replay.state.supplies, supplies, `${at}: the supplies`);
    for (const [denom, holders] of Object.entries(replay.state.largestBalances)) {
      const sum = holders.reduce((total, holder) => total + BigInt(holder.amount), 0n);
      t.equal(String(sum), replay.state.supplies[denom], `${at}: the ${denom} holders add up to its supply`);
    }
  }
  const beyond = await runCli(['replay', '--to-height', String(LAST_HEIGHT + 1n), ...data]);
  t.equal(beyond.exitCode, 1);
  t.match(beyond.stderr, /LEDGER_ERR_HEIGHT_NOT_IN_LOG/);
  t.match(beyond.stderr, new RegExp(`the last block that ended is ${LAST_HEIGHT}`));
}

async function traceAgrees(t: Test, log: PlantedExploitLog, data: string[]): Promise<void> {
  const inspected = await runCli(['log', 'inspect', '--json', ...data]);
  t.equal(inspected.exitCode, 0, inspected.stderr);
  const entries = jsonLines(inspected.stdout);
  const accounts = [...ACCOUNTS_QUERIED, 'terravaloper1alpha', 'terra1beta'];
  for (const account of accounts) {
    const traced = await runCli(['trace', account, '--json', ...data]);
    t.equal(traced.exitCode, 0, traced.stderr);
    const expected = entries
      .filter((entry) => names(entry['command'], account) || names(entry['events'], account))
      .map((entry) => entry['seq']);
    t.ok(expected.length > 0, `${account} is in the log`);
    t.same(
      jsonLines(traced.stdout).map((record) => record['seq']),
      expected,
      `trace ${account}: the entries that name it`,
    );
  }
  const carol = jsonLines((await runCli(['trace', 'terra1carol', '--json', ...data])).stdout);
  t.same(
    carol.map((record) => record['roles']),
    [['receiver']],
    'carol was only paid',
  );
  const alice = jsonLines(
    (await runCli(['trace', 'terra1alice', '--json', '--from-height', '13', '--to-height', '14', ...data]))
      .stdout,
  );
  const executed = log.executed.get(EXPLOIT_REQUEST_IDS[0]);
  t.equal(alice.length, 2, 'the height range keeps the two exploit swaps');
  t.match(alice[0], {
    roles: ['trader', 'receiver'],
    facts: [
      {
        event: 'SwapExecuted',
        received: `${executed?.swapCoin.amount}${executed?.swapCoin.denom}`,
        askRate: `${executed?.askRate} uusd/uluna`,
        spread: executed?.spread,
      },
    ],
  });
}

async function exportAgrees(t: Test, log: PlantedExploitLog, data: string[]): Promise<void> {
  const entries = readEntries(log.dataDir);
  const csv = await runCli(['export', '--format', 'csv', '--kind', 'swaps', ...data]);
  t.equal(csv.exitCode, 0, csv.stderr);
  const rows = readCsvRecords(csv.stdout);
  const swaps = entries.flatMap((entry) =>
    decodeLogBody(entry.body)
      .events.filter((event) => event.type === 'SwapExecuted' || event.type === 'SwapRejected')
      .map((event) => ({ entry, event })),
  );
  t.equal(rows.length, swaps.length, 'one row per swap');
  swaps.forEach(({ entry, event }, index) => checkSwapRow(t, rows[index] ?? {}, entry, event));
  for (const row of rows.filter((item) => item['outcome'] === 'executed'))
    t.equal(row['receivedAmount'], String(log.executed.get(row['requestId'] ?? '')?.swapCoin.amount));

  const ranged = await runCli([
    'export',
    '--format',
    'jsonl',
    '--from-height',
    '10',
    '--to-height',
    '14',
    ...data,
  ]);
  t.same(
    jsonLines(ranged.stdout),
    rows.filter((row) => BigInt(row['height'] ?? 0) >= 10n && BigInt(row['height'] ?? 0) <= 14n),
    'JSON lines carry the CSV values, within the height range',
  );
  const viaJson = await runCli(['export', '--json', '--from-height', '10', '--to-height', '14', ...data]);
  t.equal(viaJson.stdout, ranged.stdout, '--json is --format jsonl');

  const exported = jsonLines(
    (await runCli(['export', '--kind', 'entries', '--format', 'jsonl', ...data])).stdout,
  );
  t.equal(exported.length, entries.length, 'one line per entry');
  exported.forEach((row, index) => {
    const entry = entries[index] as LogEntry;
    t.same(
      { seq: row['seq'], height: row['height'], hash: row['hash'], prevHash: row['prevHash'] },
      {
        seq: String(entry.seq),
        height: String(entry.height),
        hash: hex(entry.hash),
        prevHash: hex(entry.prevHash),
      },
    );
    t.same(
      decodeLogBody(Buffer.from(String(row['body']), 'hex')),
      decodeLogBody(entry.body),
      `seq ${entry.seq} body`,
    );
  });
  const entriesCsv = readCsvRecords((await runCli(['export', '--kind', 'entries', ...data])).stdout);
  t.same(entriesCsv, exported, 'the entries as CSV are the same rows');
}

function checkSwapRow(t: Test, row: Record<string, string>, entry: LogEntry, event: Event): void {
  const at = { seq: String(entry.seq), height: String(entry.height) };
  if (event.type === 'SwapRejected') {
    t.match(row, {
      ...at,
      requestId: event.requestId,
      trader: event.trader,
      outcome: 'rejected',
      code: event.code,
    });
    return;
  }
  if (event.type !== 'SwapExecuted') return;
  t.match(row, {
    ...at,
    requestId: event.requestId,
    trader: event.trader,
    receiver: event.receiver,
    outcome: 'executed',
    venue: event.venue,
    offerAmount: String(event.offer.amount),
    offerDenom: event.offer.denom,
    askDenom: event.askDenom,
    receivedAmount: String(event.swapCoin.amount),
    feeAmount: String(event.feeCoin.amount),
    feeDenom: event.feeCoin.denom,
    poolDeltaDenom: event.poolDeltaDenom,
  });
  const decs = ['offerRate', 'askRate', 'spread', 'poolDeltaBefore', 'poolDeltaAfter'] as const;
  t.same(
    decs.map((key) => dec.parse(row[key] ?? '')),
    decs.map((key) => event[key]),
    `seq ${entry.seq}: rates, spread and pool delta`,
  );
}

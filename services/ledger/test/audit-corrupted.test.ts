// A log the real engine wrote, copied and damaged on disk (opened with lmdb directly): a flipped
// byte, a dropped entry, two entries swapped; and a projection store with one balance edited. Each
// fails the audit with its own code at the seq where it broke, and the message says what differs.
import t from 'tap';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeLogBody } from '@marketnode/events';
import { openLogReader } from '@marketnode/log-store';
import { open } from 'lmdb';
import { auditLedger, ProjectionStore, rebuildProjections, type StoredBalance } from '../src/index.js';
import { DEMO, runScenario, startEngineFixture } from './support/engine-scenario.js';

const work = mkdtempSync(join(tmpdir(), 'ledger-corrupt-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));

const original = join(work, 'log');
{
  const fixture = await startEngineFixture();
  await runScenario(fixture, { blocks: 12, tag: 'c' });
  await fixture.engine.stop();
  cpSync(fixture.dataDir, original, { recursive: true });
  await fixture.close();
}
const lastSeq = (() => {
  const reader = openLogReader({ path: original });
  const seq = reader.lastEntry()?.seq ?? 0n;
  void reader.close();
  return seq;
})();
const target = lastSeq / 2n;

function seqKey(seq: bigint): Buffer {
  const key = Buffer.alloc(8);
  key.writeBigUInt64BE(seq);
  return key;
}

/** A copy of the log with `damage` done to its entries database through lmdb itself. */
function damagedCopy(
  name: string,
  damage: (entries: ReturnType<ReturnType<typeof open>['openDB']>) => void,
): string {
  const path = join(work, name);
  cpSync(original, path, { recursive: true });
  const root = open({ path, maxDbs: 4 });
  const entries = root.openDB({ name: 'entries', encoding: 'binary', keyEncoding: 'binary', cache: false });
  root.transactionSync(() => damage(entries));
  void root.close();
  return path;
}

async function auditOf(path: string) {
  const reader = openLogReader({ path });
  try {
    return await auditLedger({ reader, genesis: DEMO.genesis });
  } finally {
    await reader.close();
  }
}

t.test('the undamaged copy passes', async (t) => {
  const verdict = await auditOf(original);
  t.ok(verdict.ok, 'ok');
  t.ok(lastSeq > 100n, `${lastSeq} entries`);
});

t.test('a flipped byte fails at its seq', async (t) => {
  const path = damagedCopy('flipped', (entries) => {
    const value = Buffer.from(entries.getBinary(seqKey(target)) as Buffer);
    const at = value.length - 40; // inside the body, before the 32-byte hash
    value[at] = (value[at] as number) ^ 0x01;
    entries.putSync(seqKey(target), value);
  });
  const verdict = await auditOf(path);
  t.match(verdict, { ok: false, failure: { code: 'LEDGER_ERR_AUDIT_CHAIN', seq: target } });
  if (!verdict.ok) t.match(verdict.failure.message, new RegExp(`seq ${target}.*hash-mismatch`));
});

t.test('a dropped entry fails at its seq', async (t) => {
  const path = damagedCopy('dropped', (entries) => entries.removeSync(seqKey(target)));
  const verdict = await auditOf(path);
  t.match(verdict, { ok: false, failure: { code: 'LEDGER_ERR_AUDIT_CHAIN', seq: target } });
  if (!verdict.ok) t.match(verdict.failure.message, /missing-entry/);
});

t.test('two entries swapped fail at the first of them', async (t) => {
  const path = damagedCopy('reordered', (entries) => {
    const first = entries.getBinary(seqKey(target)) as Buffer;
    const second = entries.getBinary(seqKey(target + 1n)) as Buffer;
    entries.putSync(seqKey(target), Buffer.from(second));
    entries.putSync(seqKey(target + 1n), Buffer.from(first));
  });
  const verdict = await auditOf(path);
  t.match(verdict, { ok: false, failure: { code: 'LEDGER_ERR_AUDIT_CHAIN', seq: target } });
  if (!verdict.ok) t.match(verdict.failure.message, /seq-mismatch/);
});

t.test('an edited balance in the projection fails at the entry that last set it', async (t) => {
  const reader = openLogReader({ path: original });
  t.teardown(() => reader.close());
  // Independently of the projection: the last entry that moved alice's uusd.
  let lastTouch = 0n;
  let lastTouchHeight = 0n;
  for (const entry of reader.readRange(1n))
    for (const event of decodeLogBody(entry.body).events)
      if (
        event.type === 'SwapExecuted' &&
        ((event.trader === 'terra1alice' && event.offer.denom === 'uusd') ||
          (event.receiver === 'terra1alice' && event.askDenom === 'uusd'))
      ) {
        lastTouch = entry.seq;
        lastTouchHeight = entry.height;
      }
  t.ok(lastTouch > 0n, `alice's uusd last moved at seq ${lastTouch}`);

  const ledgerDir = join(work, 'ledger');
  const built = await rebuildProjections({ reader, genesis: DEMO.genesis, path: ledgerDir });
  await built.close();
  const root = open({ path: ledgerDir, maxDbs: 9 });
  const balances = root.openDB({ name: 'balances', encoding: 'msgpack' });
  const stored = balances.get(['terra1alice', 'uusd']) as StoredBalance;
  t.equal(stored.seq, String(lastTouch), 'the record names that entry');
  await balances.put(['terra1alice', 'uusd'], { ...stored, amount: String(BigInt(stored.amount) + 1n) });
  await root.close();

  const store = ProjectionStore.openExisting({
    path: ledgerDir,
    genesis: DEMO.genesis,
    genesisHash: reader.genesisHash,
  });
  t.teardown(() => store.close());
  const verdict = await auditLedger({ reader, genesis: DEMO.genesis, store });
  t.match(verdict, {
    ok: false,
    failure: { code: 'LEDGER_ERR_AUDIT_PROJECTION_MISMATCH', seq: lastTouch, height: lastTouchHeight },
  });
  if (!verdict.ok) {
    t.match(verdict.failure.message, /balances \["terra1alice","uusd"\]/);
    t.match(verdict.failure.message, new RegExp(`"amount":"${BigInt(stored.amount) + 1n}"`));
  }
});

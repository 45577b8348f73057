// The pending reveal on disk: a real temp folder, read back after a fresh store is opened.
import t from 'tap';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PendingVoteStore, type PendingVote } from '../../src/voting/pending-vote-store.js';

function tempDir(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'feeder-pending-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const PENDING: PendingVote = {
  validator: 'terravaloper1alpha',
  period: 12_345_678_901_234_567n,
  salt: 'Ab-_',
  exchangeRatesText: '80.000000000000000000uusd',
};

t.test('saved, read back by a new store, replaced, cleared', async (t) => {
  const dir = tempDir(t);
  await new PendingVoteStore(dir).save(PENDING);
  t.same(await new PendingVoteStore(dir).load(PENDING.validator), { kind: 'found', pending: PENDING });
  const next = { ...PENDING, period: PENDING.period + 1n, salt: 'zzzz' };
  await new PendingVoteStore(dir).save(next);
  t.same(await new PendingVoteStore(dir).load(PENDING.validator), { kind: 'found', pending: next });
  t.same(readdirSync(dir), [`pending-vote.${PENDING.validator}.json`], 'no temporary file left');
  await new PendingVoteStore(dir).clear(PENDING.validator);
  t.same(await new PendingVoteStore(dir).load(PENDING.validator), { kind: 'none' });
});

t.test('each validator has its own pending vote', async (t) => {
  const dir = tempDir(t);
  const store = new PendingVoteStore(dir);
  await store.save(PENDING);
  await store.save({ ...PENDING, validator: 'terravaloper1beta', salt: 'beta' });
  const alpha = await store.load('terravaloper1alpha');
  const beta = await store.load('terravaloper1beta');
  t.equal(alpha.kind === 'found' && alpha.pending.salt, PENDING.salt);
  t.equal(beta.kind === 'found' && beta.pending.salt, 'beta');
});

t.test('a file that is not a pending vote is reported, not trusted', async (t) => {
  const dir = tempDir(t);
  const store = new PendingVoteStore(dir);
  const cases: [string, RegExp][] = [
    ['{"validator":"terravaloper1alpha"', /not JSON/],
    ['[]', /written for/],
    ['{"validator":"terravaloper1beta","period":"1","salt":"a","exchangeRatesText":"1uusd"}', /written for/],
    ['{"validator":"terravaloper1alpha","period":"-1","salt":"a","exchangeRatesText":"1uusd"}', /period/],
    ['{"validator":"terravaloper1alpha","period":"1","salt":"","exchangeRatesText":"1uusd"}', /salt/],
    ['{"validator":"terravaloper1alpha","period":"1","salt":"a"}', /rates/],
  ];
  for (const [text, detail] of cases) {
    writeFileSync(store.fileOf('terravaloper1alpha'), text);
    const load = await store.load('terravaloper1alpha');
    t.equal(load.kind, 'unreadable', text);
    t.match(load.kind === 'unreadable' ? load.detail : '', detail);
  }
});

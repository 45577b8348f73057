// Every answer waits until what it could show is durable: a batch with nothing to write (a query,
// a quote, a retry) is answered only after the batches before it are committed. A real log in a temp
// folder and a real nats-server; the log's commit is held open by a gate in front of it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { knownDenoms, parseSwapRequest } from '@marketnode/events';
import { hashGenesis, openLogWriter, type BatchAppender } from '@marketnode/log-store';
import { closeNats, connectNats, startNatsServer } from '@marketnode/nats-kit';
import { createNodeState } from '@marketnode/node-state';
import { until } from '@marketnode/testkit';
import { readGenesisFile } from '../src/genesis/genesis-file.js';
import type { BatchContext } from '../src/engine/apply-batch.js';
import { EngineLoop } from '../src/engine/engine-loop.js';
import { loggedSwapOutcome, OutcomeIndex } from '../src/engine/outcome-index.js';
import { RecordedOutcomes } from '../src/engine/recorded-outcomes.js';
import type { WorkItem } from '../src/engine/work-item.js';
import { BoundedInbox } from '../src/inbox.js';

const GENESIS_PATH = fileURLToPath(new URL('../genesis/demo.json', import.meta.url));

t.test('a query behind a committing swap is answered after the swap, once it is durable', async (t) => {
  const nats = await startNatsServer();
  t.teardown(() => nats.stop());
  const nc = await connectNats({ servers: nats.url, name: 'engine-loop-answers test' });
  t.teardown(() => closeNats(nc));
  const dataDir = mkdtempSync(join(tmpdir(), 'engine-loop-answers-'));
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const { genesis, bytes } = readGenesisFile(GENESIS_PATH);
  const writer = openLogWriter({ path: dataDir, genesisHash: hashGenesis(bytes) });
  t.teardown(() => writer.close());

  // The log, behind a gate: an append posted while it is shut is written once it opens.
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const durable: bigint[] = [];
  let posted = 0;
  const appender: BatchAppender = {
    get lastSeq() {
      return writer.lastSeq;
    },
    appendBatch: async (entries, options) => {
      posted += 1;
      await gate;
      const appended = await writer.appendBatch(entries, options);
      durable.push(...appended.map((entry) => entry.seq));
      return appended;
    },
  };
  const state = createNodeState(genesis);
  const context: BatchContext = {
    state,
    outcomes: new OutcomeIndex(),
    height: 1n,
    nextSeq: writer.lastSeq + 1n,
    recorded: new RecordedOutcomes((seq) => loggedSwapOutcome(writer, seq)),
    snapshotIntervalBlocks: 100n,
    now: () => 0n,
  };
  const inbox = new BoundedInbox<WorkItem>(100);
  const loop = new EngineLoop({
    context,
    appender,
    inbox,
    nc,
    onFatal: (error) => t.fail(`the log failed: ${String(error)}`),
  });
  const running = loop.run();

  // Given a swap applied and posted to the log, its commit held open
  const answers: string[] = [];
  const swap = parseSwapRequest(
    { requestId: 'r-1', offer: { denom: 'uusd', amount: 1_000_000n }, askDenom: 'uluna' },
    { trader: 'terra1alice', knownDenoms: knownDenoms(state), variant: 'swap' },
  );
  if (!swap.ok) throw new Error(swap.error.message);
  inbox.offer({ kind: 'swap', command: swap.value, respond: () => answers.push('swap') });
  await until(() => posted === 1, 'the swap to be posted to the log');
  // When a query arrives, in a batch of its own with nothing to write
  inbox.offer({
    kind: 'query',
    query: 'balance',
    account: 'terra1alice',
    respond: () => answers.push(`balance (log durable through ${durable.at(-1) ?? 'nothing'})`),
  });
  await until(() => inbox.size === 0, 'the loop to take the query');
  await new Promise((resolve) => setTimeout(resolve, 50)); // time enough to answer, were it allowed to
  // Then it is not answered while the swap it can show is not durable
  t.same(answers, [], 'nothing answered while the commit is held');
  open();
  await until(() => answers.length === 2, 'both answers');
  t.same(answers, ['swap', 'balance (log durable through 1)'], 'the swap first, then the query');
  loop.stop();
  await running;
});

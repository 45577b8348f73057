// An append resolves only when its entries are durable: a writer killed with SIGKILL right after it
// acknowledged entries (printed their seq once appendBatch resolved) loses none of them, the chain still
// verifies, and the next writer takes over the dead one's lock and continues the chain.
import t from 'tap';
import { propertySeed } from '@marketnode/testkit';
import { openLogReader } from '../src/index.js';
import { startFixture } from './support/child-process.js';
import { seededRandom } from '@marketnode/testkit';
import { bodyOf } from './support/entries.js';
import { tempDir } from './support/temp-dir.js';
import { withTimeout } from './support/timeout.js';

const KILLS = 8;
const ACKS_BEFORE_KILL_MAX = 40;

t.test('every acknowledged entry is in the log after a SIGKILL, across repeated crashes', async (t) => {
  const seed = propertySeed();
  t.comment(`seed ${seed} (set PROPERTY_SEED to replay)`);
  const random = seededRandom(seed);
  const path = tempDir(t);
  let acknowledgedSeqMax = 0n;
  for (let kill = 1; kill <= KILLS; kill++) {
    // Given a writer appending batches as fast as it can
    const appender = startFixture(t, 'appender', [path, String(seed + kill)]);
    await appender.nextLine((line) => line.startsWith('ready '), 'the appender to open the log');
    // When it is killed right after its k-th acknowledgement
    const acks = 1 + Math.floor(random() * ACKS_BEFORE_KILL_MAX);
    for (let ack = 0; ack < acks; ack++) {
      const line = await appender.nextLine((line) => line.startsWith('ack '), `ack ${ack + 1} of ${acks}`);
      const seq = BigInt(line.slice('ack '.length));
      if (seq > acknowledgedSeqMax) acknowledgedSeqMax = seq;
    }
    appender.kill('SIGKILL');
    const exit = await withTimeout(appender.exited, 'the killed appender to exit');
    t.equal(exit.signal, 'SIGKILL', `kill ${kill}: the appender died by SIGKILL`);

    // Then every acknowledged seq is there with its body, and the chain verifies
    const reader = openLogReader({ path });
    try {
      const lastSeq = reader.lastEntry()?.seq ?? 0n;
      t.ok(
        lastSeq >= acknowledgedSeqMax,
        `kill ${kill}: last seq ${lastSeq} >= acknowledged ${acknowledgedSeqMax}`,
      );
      let bodiesMatching = 0n;
      for (const entry of reader.readRange(1n, acknowledgedSeqMax))
        if (Buffer.from(entry.body).equals(bodyOf(entry.seq))) bodiesMatching++;
      t.equal(
        bodiesMatching,
        acknowledgedSeqMax,
        `kill ${kill}: all ${acknowledgedSeqMax} acknowledged entries intact`,
      );
      const verification = await reader.verifyChain();
      t.ok(verification.ok, `kill ${kill}: the chain verifies`);
    } finally {
      await reader.close();
    }
  }
});

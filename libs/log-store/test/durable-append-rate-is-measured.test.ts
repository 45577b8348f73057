// measureDurableAppendRate appends real durable batches for the given time and reports the rate; what
// it wrote is an ordinary, verifiable log. (Only the shape of the result is asserted, never a speed.)
import t from 'tap';
import { measureDurableAppendRate, openLogReader } from '../src/index.js';
import { tempDir } from './support/temp-dir.js';

t.test('it appends whole batches for the given time and reports entries per second', async (t) => {
  const path = tempDir(t);
  const result = await measureDurableAppendRate({ path, entryBytes: 200, batchSize: 100, seconds: 0.3 });
  t.ok(result.batchesAppended >= 1, `${result.batchesAppended} batches`);
  t.equal(result.entriesAppended, result.batchesAppended * 100);
  t.equal(result.entriesPerSecond, (result.entriesAppended * 1000) / result.elapsedMs);
  t.ok(result.storedEntryBytes > 200, `${result.storedEntryBytes} bytes stored per entry (body + envelope)`);
  const reader = openLogReader({ path });
  t.teardown(() => reader.close());
  t.match(await reader.verifyChain(), { ok: true, entriesVerified: result.entriesAppended });
});

t.test('pipelined batches are measured too, and the options are bounded', async (t) => {
  const path = tempDir(t);
  const result = await measureDurableAppendRate({
    path,
    entryBytes: 0,
    batchSize: 10,
    seconds: 0.1,
    batchesInFlight: 4,
  });
  t.ok(result.entriesAppended >= 10);
  await t.rejects(measureDurableAppendRate({ path, entryBytes: 10, batchSize: 0, seconds: 1 }), {
    code: 'ERR_ASSERTION',
  });
  await t.rejects(measureDurableAppendRate({ path, entryBytes: 10, batchSize: 1, seconds: 0 }), {
    code: 'ERR_ASSERTION',
  });
});

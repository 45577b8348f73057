// The environment is opened with every option that decides durability or what is stored written out,
// so a change of lmdb-js's defaults (overlappingSync is on by default) cannot change our guarantees.
import t from 'tap';
import { lmdbOptions } from '../src/index.js';

t.test('the durability options are all set explicitly, to the synchronous values', async (t) => {
  const options = lmdbOptions('/some/log', false) as unknown as Record<string, unknown>;
  t.match(options, {
    path: '/some/log',
    readOnly: false,
    noSync: false,
    noMetaSync: false,
    overlappingSync: false,
    safeRestore: false,
    mapAsync: false,
    useWritemap: false,
    noMemInit: false,
    remapChunks: false,
    commitDelay: 0,
    eventTurnBatching: true,
    encoding: 'binary',
    keyEncoding: 'binary',
    compression: false,
    cache: false,
    maxDbs: 4,
  });
  t.type(options['mapSize'], 'number');
  t.type(options['maxReaders'], 'number');
  t.equal((lmdbOptions('/some/log', true) as unknown as Record<string, unknown>)['readOnly'], true);
});

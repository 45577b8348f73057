// A failed write to the log says what the operator can do: with the log's disk nearly full it is a
// LogDiskFullError naming the free space (LMDB itself reports such a failure as whatever the
// filesystem said, an "Input/output error" on a full tmpfs); any other failure is kept as it is.
import { AssertionError } from 'node:assert/strict';
import t from 'tap';
import { LogDiskFullError, LogWriterFencedError, LOW_DISK_BYTES, explainWriteFailure } from '../src/index.js';
import { freeBytesOnDisk } from '../src/write-failure.js';
import { tempDir } from './support/temp-dir.js';

const PATH = '/var/lib/marketnode/data';
const ioError = (): Error => Object.assign(new Error('Input/output error'), { code: 'EIO' });
const freeSpace = (bytes: number) => () => bytes;

t.test('a write that fails with the disk nearly full is a LogDiskFullError', async (t) => {
  const cause = ioError();
  const explained = explainWriteFailure(PATH, cause, freeSpace(12_288));
  t.type(explained, LogDiskFullError);
  const error = explained as LogDiskFullError;
  t.equal(error.code, 'LOG_ERR_DISK_FULL');
  t.equal(error.freeBytes, 12_288);
  t.equal(error.cause, cause);
  t.match(error.message, `the log at ${PATH} failed (Input/output error) with 12288 bytes free`);
  t.match(error.message, /free space on that disk, then restart/);
  t.type(explainWriteFailure(PATH, cause, freeSpace(LOW_DISK_BYTES - 1)), LogDiskFullError);
});

t.test('with room on the disk, the failure is kept as it is', async (t) => {
  const cause = ioError();
  t.equal(explainWriteFailure(PATH, cause, freeSpace(LOW_DISK_BYTES)), cause);
  t.equal(explainWriteFailure(PATH, cause, freeSpace(50 * 1024 ** 3)), cause);
});

t.test("the log's own errors and broken assertions are never taken for a full disk", async (t) => {
  const fenced = new LogWriterFencedError(PATH, 3, 4);
  t.equal(explainWriteFailure(PATH, fenced, freeSpace(0)), fenced);
  const assertion = new AssertionError({ message: 'seq 7 must be appended after the last key' });
  t.equal(explainWriteFailure(PATH, assertion, freeSpace(0)), assertion);
});

t.test('when the disk cannot be asked, the write error is reported as it came', async (t) => {
  const cause = ioError();
  const unreachable = (): number => {
    throw Object.assign(new Error('ENOENT: no such file or directory'), { code: 'ENOENT' });
  };
  t.equal(explainWriteFailure(PATH, cause, unreachable), cause);
});

t.test("the free space is read from the log's own filesystem", async (t) => {
  const free = freeBytesOnDisk(tempDir(t));
  t.ok(Number.isSafeInteger(free) && free > 0, `a temp folder's disk has room (${free} bytes)`);
  t.throws(() => freeBytesOnDisk('/no/such/folder/for/a/log'), { code: 'ENOENT' });
});

/** Turning results and rejections into the schema's `error` / `ok` values. */
import type { Rejection, Result } from '@marketnode/errors';
import type { ActualRecord } from '../function-table.js';

/** The schema's error object: every key the vectors may compare. */
export function errorRecord(error: Rejection): ActualRecord {
  return {
    error: { codespace: error.codespace, code: error.abciCode, name: error.name, message: error.message },
  };
}

/** `{ ok: true }` or `{ ok: false, error }` for a validation. */
export function validation(rejection: Rejection | undefined): ActualRecord {
  return rejection === undefined ? { ok: true } : { ok: false, ...errorRecord(rejection) };
}

/** The value's record when the result is ok, else its error record. */
export function recordOf<T>(result: Result<T>, toRecord: (value: T) => ActualRecord): ActualRecord {
  return result.ok ? toRecord(result.value) : errorRecord(result.error);
}

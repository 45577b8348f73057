/**
 * A business failure as a value: the kind from the catalog plus the full message, worded exactly as
 * the reference wraps it (`"<context>: <description>"`), so conformance can compare it byte for byte.
 */
import type { RejectionKind } from './catalog.js';

export interface Rejection {
  readonly code: string;
  readonly codespace: string;
  readonly abciCode: number;
  readonly name: string;
  /** The reference's error string. */
  readonly message: string;
  /** What the user can do about it. */
  readonly hint: string;
}

/** `sdkerrors.Wrap(kind, context)`: the message is `"<context>: <description>"`, or the bare description. */
export function reject(kind: RejectionKind, context?: string): Rejection {
  return {
    code: kind.code,
    codespace: kind.codespace,
    abciCode: kind.abciCode,
    name: kind.name,
    message: context === undefined ? kind.description : `${context}: ${kind.description}`,
    hint: kind.hint,
  };
}

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Rejection };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: Rejection): Result<T> {
  return { ok: false, error };
}

/**
 * Human output of a reply: one `key: value` per line, nested maps indented, lists as `- ` items.
 * Amounts and Dec values print exactly as they travel (digits, canonical 18-decimal text).
 */
import { toJsonText } from '../json-text.js';

/** Replies are a few levels deep; anything deeper prints as JSON on one line instead. */
const DEPTH_MAX = 6;

export function textTree(value: unknown): string[] {
  const lines: string[] = [];
  appendTree(lines, value, 0);
  return lines;
}

function appendTree(lines: string[], value: unknown, depth: number): void {
  const indent = '  '.repeat(depth);
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isNested(item) && depth < DEPTH_MAX) {
        lines.push(`${indent}-`);
        appendTree(lines, item, depth + 1);
      } else lines.push(`${indent}- ${scalarText(item)}`);
    }
    return;
  }
  if (!isNested(value)) {
    lines.push(`${indent}${scalarText(value)}`);
    return;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (isNested(item) && depth < DEPTH_MAX && !isEmpty(item)) {
      lines.push(`${indent}${key}:`);
      appendTree(lines, item, depth + 1);
    } else lines.push(`${indent}${key}: ${scalarText(item)}`);
  }
}

function isNested(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !(value instanceof Uint8Array);
}

function isEmpty(value: unknown): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value as object).length === 0;
}

function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (Array.isArray(value) && value.length === 0) return '(none)';
  if (isNested(value) && isEmpty(value)) return '(none)';
  return toJsonText(value);
}

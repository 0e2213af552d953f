// Small readers for the untrusted JSON of a link: every one names the place that is wrong, bounds
// lengths before building anything, and reads only own properties.
import { dict, type Dict } from '../dict.js';
import { isPlainObject, own } from '../session/safe-json.js';
export class ShareLinkError extends Error {
  override name = 'ShareLinkError';
}

/** Longest id, name or label a link may carry. */
const MAX_TEXT = 1024;
/** Most entries of any one list or map in a link. */
const MAX_ENTRIES = 100_000;

export type Obj = Record<string, unknown>;

export const fail = (why: string): never => {
  throw new ShareLinkError(`Unreadable share link: ${why}.`);
};

export function obj(v: unknown, where: string): Obj {
  return isPlainObject(v) ? v : fail(`${where} must be an object`);
}

export { own as at };

export function list(v: unknown, where: string, max = MAX_ENTRIES): unknown[] {
  if (!Array.isArray(v)) return fail(`${where} must be a list`);
  return v.length <= max ? v : fail(`${where} has ${v.length} entries (at most ${max})`);
}

export function text(v: unknown, where: string, max = MAX_TEXT): string {
  if (typeof v !== 'string') return fail(`${where} must be text`);
  return v.length <= max ? v : fail(`${where} is longer than ${max} characters`);
}

export function optText(v: unknown, where: string): string | null {
  return v === null ? null : text(v, where);
}

export function finite(v: unknown, where: string): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fail(`${where} must be a finite number`);
}

export function integer(v: unknown, where: string, min: number, max: number): number {
  return Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max
    ? (v as number)
    : fail(`${where} must be an integer from ${min} through ${max}`);
}

export function flag(v: unknown, where: string): boolean {
  return typeof v === 'boolean' ? v : fail(`${where} must be true or false`);
}

export function oneOf<T extends string | number>(v: unknown, where: string, options: readonly T[]): T {
  return options.includes(v as T) ? (v as T) : fail(`${where} must be one of ${options.join(', ')}`);
}

/** An object's entries as a map keyed by data: a null-prototype record ("__proto__" stays a key). */
export function record<T>(v: unknown, where: string, read: (value: unknown, where: string) => T): Dict<T> {
  const o = obj(v, where);
  const keys = Object.keys(o);
  if (keys.length > MAX_ENTRIES) fail(`${where} has ${keys.length} entries (at most ${MAX_ENTRIES})`);
  const out = dict<T>();
  for (const key of keys) out[text(key, `a key of ${where}`)] = read(o[key], `${where}["${key.slice(0, 40)}"]`);
  return out;
}

/** [key, value] text pairs as a Map. */
export function textPairs(v: unknown, where: string): Map<string, string> {
  const out = new Map<string, string>();
  list(v, where).forEach((pair, i) => {
    const [key, value] = list(pair, `${where}[${i}]`, 2);
    out.set(text(key, `${where}[${i}][0]`), text(value, `${where}[${i}][1]`));
  });
  return out;
}

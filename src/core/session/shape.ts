// Readers for untrusted JSON payload values: each failure says which key is wrong.
import { isPlainObject, own } from './safe-json.js';
import type { Json } from './document.js';

class ShapeError extends Error {}

export function obj(v: unknown, where: string): Record<string, unknown> {
  if (!isPlainObject(v)) throw new ShapeError(`${where} must be an object`);
  return v;
}

export function arr(v: unknown, where: string, max = 1_000_000): unknown[] {
  if (!Array.isArray(v)) throw new ShapeError(`${where} must be an array`);
  if (v.length > max) throw new ShapeError(`${where} has more than ${max} entries`);
  return v;
}

export function str(v: unknown, where: string): string {
  if (typeof v !== 'string') throw new ShapeError(`${where} must be a string`);
  return v;
}

export function num(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ShapeError(`${where} must be a finite number`);
  return v;
}

export function int(v: unknown, where: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max)
    throw new ShapeError(`${where} must be an integer from ${min} through ${max}`);
  return v;
}

export function bool(v: unknown, where: string): boolean {
  if (typeof v !== 'boolean') throw new ShapeError(`${where} must be true or false`);
  return v;
}

export function optBool(v: unknown, where: string): boolean | null {
  return v === null || v === undefined ? null : bool(v, where);
}

export function optStr(v: unknown, where: string): string | null {
  return v === null || v === undefined ? null : str(v, where);
}

export function optNum(v: unknown, where: string): number | null {
  return v === null || v === undefined ? null : num(v, where);
}

export function field(o: Record<string, unknown>, key: string): unknown {
  return own(o, key);
}

/** Keeps a JSON value as-is (it came from JSON.parse, so it is JSON). */
export function json(v: unknown): Json {
  return v as Json;
}

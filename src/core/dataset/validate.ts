// Small checkers for untrusted JSON: each names the file and the key that is wrong.
import { isPlainObject } from '../session/safe-json.js';
import { DatasetError } from './errors.js';

export class Checker {
  constructor(
    readonly file: string,
    /** Where the file's paths must lead (see `inside`); unset: not checked. */
    readonly folder?: string,
  ) {}

  fail(problem: string): never {
    throw new DatasetError(this.file, problem);
  }

  object(value: unknown, where: string): Record<string, unknown> {
    if (!isPlainObject(value)) this.fail(`${where} must be an object`);
    return value;
  }

  array(value: unknown, where: string, maxLength = 10_000_000): unknown[] {
    if (!Array.isArray(value)) this.fail(`${where} must be an array`);
    if (value.length > maxLength)
      this.fail(`${where} has ${value.length} entries, more than the limit of ${maxLength}`);
    return value;
  }

  string(value: unknown, where: string, { nonEmpty = false } = {}): string {
    if (typeof value !== 'string') this.fail(`${where} must be a string`);
    if (nonEmpty && value.length === 0) this.fail(`${where} must not be empty`);
    return value;
  }

  count(value: unknown, where: string): number {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
      this.fail(`${where} must be a non-negative integer (got ${JSON.stringify(value)})`);
    return value;
  }

  number(value: unknown, where: string): number {
    if (typeof value !== 'number' || !Number.isFinite(value))
      this.fail(`${where} must be a finite number (got ${JSON.stringify(value)})`);
    return value;
  }

  boolean(value: unknown, where: string): boolean {
    if (typeof value !== 'boolean') this.fail(`${where} must be true or false`);
    return value;
  }

  oneOf<T extends string | number | null>(value: unknown, allowed: readonly T[], where: string): T {
    if (!allowed.includes(value as T))
      this.fail(
        `${where} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')} (got ${JSON.stringify(value)})`,
      );
    return value as T;
  }

  /** A path (or path pattern) as written, which must lead into the folder. */
  path(value: unknown, where: string): string {
    const path = this.string(value, where, { nonEmpty: true });
    const folder = this.file === 'datasets.json' ? "the catalog's folder" : 'the dataset folder';
    if (this.folder && !inside(this.folder, path))
      this.fail(`${where} ${JSON.stringify(path)} leads outside ${folder}; refused`);
    return path;
  }
}

/**
 * The URL `path` leads to from `folder` (ending in "/"), after the URL parser has stripped tabs,
 * newlines and outer spaces, turned backslashes into slashes and resolved "." and ".." (also
 * written %2e): null unless it has the folder's scheme, host and credentials and lies under its
 * path. Escaped slashes, backslashes and dots, which a server may decode, are refused too.
 */
export function inside(folder: string, path: string): string | null {
  let url: URL;
  try {
    url = new URL(path, folder);
  } catch {
    return null;
  }
  const base = new URL(folder);
  const same = (['protocol', 'host', 'username', 'password'] as const).every((k) => url[k] === base[k]);
  if (!same || !url.pathname.startsWith(base.pathname)) return null;
  return /%(2f|5c|2e)/i.test(url.pathname.slice(base.pathname.length)) ? null : url.href;
}

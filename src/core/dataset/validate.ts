// Small checkers for untrusted JSON: each names the file and the key that is wrong.
import { DatasetError, type DatasetErrorPhase } from './errors.js';

export class Checker {
  constructor(
    readonly phase: DatasetErrorPhase,
    readonly file: string,
  ) {}

  fail(problem: string): never {
    throw new DatasetError(this.phase, this.file, problem);
  }

  object(value: unknown, where: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(`${where} must be an object`);
    return value as Record<string, unknown>;
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

  /** A path from a manifest: relative, inside the dataset folder. */
  relativePath(value: unknown, where: string): string {
    const path = this.string(value, where, { nonEmpty: true });
    if (
      /^[a-z][a-z0-9+.-]*:/i.test(path) ||
      path.startsWith('/') ||
      path.split('/').includes('..') ||
      path.includes('\\')
    ) {
      this.fail(`${where} must be a path inside the dataset folder (got ${JSON.stringify(path)})`);
    }
    return path;
  }
}

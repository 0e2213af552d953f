// JSON from a session file: keys such as "__proto__" become plain own data properties of
// null-prototype-free objects and can never reach Object.prototype.
import { SessionFormatError } from './errors.js';

export function parseJsonBytes(bytes: Uint8Array, what: string, chunkId: string | null = null): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SessionFormatError(`${what} is not valid UTF-8`, chunkId);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new SessionFormatError(
      `${what} is not valid JSON (${err instanceof Error ? err.message : String(err)})`,
      chunkId,
    );
  }
  return harden(value);
}

/** Rebuilds objects with defineProperty so dangerous keys stay inert own properties. */
function harden(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(harden);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      Object.defineProperty(out, key, {
        value: harden((value as Record<string, unknown>)[key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own-property read that never walks the prototype chain. */
export function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

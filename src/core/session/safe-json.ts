// JSON from a session file. JSON.parse makes every key, "__proto__" included, an own data
// property of an ordinary object: none reaches Object.prototype (code that copies such objects must
// define properties, not assign them). Nesting is bounded.
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
  const problem = unusable(value, MAX_JSON_DEPTH);
  if (problem) throw new SessionFormatError(`${what} ${problem}`, chunkId);
  return value;
}

/** Deeper JSON is refused: no session payload nests near this, and later walks of it stay far from the stack's end. */
const MAX_JSON_DEPTH = 256;

/**
 * Why parsed JSON cannot be used, or null: nesting more than `levels` deep, or a number past a
 * double's range (1e400 parses as Infinity, which no writer writes and none can write back: a view
 * restored with it could never be saved).
 */
function unusable(value: unknown, levels: number): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : 'holds a number too large for a double';
  if (value === null || typeof value !== 'object') return null;
  if (levels === 0) return `nests deeper than ${MAX_JSON_DEPTH} levels`;
  for (const v of Object.values(value)) {
    const problem = unusable(v, levels - 1);
    if (problem) return problem;
  }
  return null;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own-property read that never walks the prototype chain. */
export function own<T>(obj: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

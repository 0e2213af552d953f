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
  if (deeper(value, MAX_JSON_DEPTH))
    throw new SessionFormatError(`${what} nests deeper than ${MAX_JSON_DEPTH} levels`, chunkId);
  return value;
}

/** Deeper JSON is refused: no session payload nests near this, and later walks of it stay far from the stack's end. */
const MAX_JSON_DEPTH = 256;

/** Whether `value` nests more than `levels` deep. */
function deeper(value: unknown, levels: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  return levels === 0 || Object.values(value).some((v) => deeper(v, levels - 1));
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own-property read that never walks the prototype chain. */
export function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

// Objects keyed by data have no prototype; these copies give them Object.prototype again, so
// assert.deepEqual (strict) compares what they hold rather than what they inherit.
import assert from 'node:assert/strict';

function plain(v: unknown): unknown {
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, plain(x)]));
  if (v instanceof Set) return new Set([...v].map(plain));
  if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) return v;
  if (Array.isArray(v)) return v.map(plain);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
}

/** assert.deepEqual on the data only: prototypes of plain records are not compared. */
export const same = (actual: unknown, expected: unknown, message?: string): void =>
  assert.deepEqual(plain(actual), plain(expected), message);

// Objects keyed by data (field keys, category labels, filter references, control ids): without a
// prototype, "__proto__", "constructor" or "toString" are ordinary keys, read and written as any
// other, and nothing reaches Object.prototype.

export type Dict<T> = Record<string, T>;

/** An empty object with no prototype, optionally filled from entries (later ones win). */
export function dict<T>(entries?: Iterable<readonly [string, T]>): Dict<T> {
  const out = Object.create(null) as Dict<T>;
  if (entries) for (const [k, v] of entries) out[k] = v;
  return out;
}
